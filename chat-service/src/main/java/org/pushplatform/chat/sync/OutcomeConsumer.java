package org.pushplatform.chat.sync;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.chat.metrics.StepTimers;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.service.Retries;

/**
 * Reads the core's outcomes ({@code push.events.deliveries}) a poll at a time and keeps those of chat's deliveries:
 * each message a gateway wrote to a connection moves that device's delivered position, all in one statement. A
 * delivery that failed (the connection was gone) moves nothing: the device gets it when it connects again.
 */
@ApplicationScoped
public class OutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final DevicePositions positions;
    private final StepTimers timers;
    private final Counter malformed;

    public OutcomeConsumer(DevicePositions positions, MeterRegistry metrics, StepTimers timers) {
        this.timers = timers;
        this.positions = positions;
        this.malformed = metrics.counter("push_records_rejected_total", "topic", "events.deliveries");
    }

    @Incoming("chat-outcomes")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<DevicePositions.Delivered> delivered = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.key() == null || !record.key().startsWith(DeviceSync.REQUESTER_PREFIX)) {
                continue;
            }
            try {
                DeliveryOutcome outcome = EnvelopeCodec.mapper().readValue(record.value(), OutcomeEvent.class).data();
                DevicePositions.Delivered one = outcome == null ? null : deliveredOf(outcome);
                if (one != null) {
                    delivered.add(one);
                }
            } catch (Exception e) {
                malformed.increment();
                LOG.debugf("[chat] dropped an outcome that does not parse: %s", e.getMessage());
            }
        }
        return delivered.isEmpty() ? Uni.createFrom().voidItem()
            : timers.timed("outcomes", () -> Retries.whileTransient(() -> positions.delivered(delivered), "delivered positions"));
    }

    /** The device and message of a delivered outcome of chat's; null for any other. */
    static DevicePositions.Delivered deliveredOf(DeliveryOutcome outcome) {
        String requester = outcome.requester();
        int slash = requester == null ? -1 : requester.lastIndexOf('/');
        if (outcome.status() != DeliveryOutcome.Status.DELIVERED || slash <= DeviceSync.REQUESTER_PREFIX.length() || outcome.to() == null
            || outcome.messageId() == null) {
            return null;
        }
        return new DevicePositions.Delivered(outcome.to().app(), requester.substring(DeviceSync.REQUESTER_PREFIX.length(), slash),
            requester.substring(slash + 1), outcome.messageId());
    }

    /** The CloudEvent an outcome travels in: only its data is read. */
    record OutcomeEvent(DeliveryOutcome data) {
    }
}
