package org.pushplatform.chat.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.service.Retries;

/**
 * Reads the notifications other teams publish on {@code push.in.chat-notifications}: structured CloudEvents of type
 * {@value #TYPE}, the event's id the notification's (a replay counts once), data {@code {app, account, category,
 * type, text}}. A record that is not one is counted and passed over; the others of its poll go on.
 */
@ApplicationScoped
public class NotificationConsumer {

    public static final String TYPE = "org.pushplatform.chat.notification";
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private final Notifications notifications;
    private final MeterRegistry metrics;

    public NotificationConsumer(Notifications notifications, MeterRegistry metrics) {
        this.notifications = notifications;
        this.metrics = metrics;
    }

    @Incoming("chat-notifications")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsumerRecord<String, String> record : records) {
            Notification.Checked checked = parse(record.value());
            if (checked.notification() == null) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[chat] passed over a notification at %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    checked.problem());
                continue;
            }
            chain = chain.call(() -> Retries.whileTransient(() -> notifications.accept(checked.notification()), "inbox notification"));
        }
        return chain;
    }

    static Notification.Checked parse(String value) {
        JsonNode event;
        try {
            event = EnvelopeCodec.mapper().readTree(value);
        } catch (Exception e) {
            return Notification.Checked.refused("not JSON");
        }
        if (event == null || !TYPE.equals(event.path("type").asText(null))) {
            return Notification.Checked.refused("not a CloudEvent of type " + TYPE);
        }
        JsonNode data = event.path("data");
        return Notification.of(text(data, "app"), text(data, "account"), event.path("id").asText(null), text(data, "category"),
            text(data, "type"), text(data, "text"));
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
