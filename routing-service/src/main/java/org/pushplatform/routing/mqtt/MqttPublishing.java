package org.pushplatform.routing.mqtt;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.AppMessages;
import org.pushplatform.routing.messaging.MessageIds;

/**
 * An MQTT message into the app's one topic space, whoever publishes it (a client's PUBLISH, a will): kept as its
 * topic's retained message when it asks, then sent to every API's subscribers in their shapes, stored first at QoS 1
 * and 2 for as long as its MQTT 5 expiry allows.
 */
@ApplicationScoped
public class MqttPublishing {

    private final AppMessages messages;
    private final MqttRetained retained;
    private final MeterRegistry metrics;

    public MqttPublishing(AppMessages messages, MqttRetained retained, MeterRegistry metrics) {
        this.messages = messages;
        this.retained = retained;
        this.metrics = metrics;
    }

    /** One message to publish: its app, the message, and the id it is stored under once however often asked (or null). */
    public record Publish(String app, MqttApi.Message message, String sourceId, String trace) {

        public Publish(String app, MqttApi.Message message, String sourceId) {
            this(app, message, sourceId, null);
        }
    }

    /** @param sourceId the id it is stored under once however often it is asked; may be null */
    public Uni<MqttApi.PublishResult> publish(String app, MqttApi.Message message, String sourceId) {
        return publishAll(List.of(new Publish(app, message, sourceId))).map(results -> results.get(0));
    }

    /** Many messages together: retained ones kept first, then all sent in one round of the core. @return each one's result */
    public Uni<List<MqttApi.PublishResult>> publishAll(List<Publish> publishes) {
        MqttApi.PublishResult[] results = new MqttApi.PublishResult[publishes.size()];
        List<Integer> sending = new ArrayList<>();
        List<AppMessage> messages = new ArrayList<>();
        Uni<Void> retaining = Uni.createFrom().voidItem();
        for (int i = 0; i < publishes.size(); i++) {
            Publish p = publishes.get(i);
            Long ttl = ttlOf(p.message());
            if (ttl != null && ttl <= 0) {
                results[i] = MqttApi.PublishResult.ACCEPTED; // expired on its way: nobody may get it
                continue;
            }
            if (p.message().retain()) {
                retaining = retaining.call(() -> retained.retain(p.app(), p.message()));
            }
            sending.add(i);
            String payload = p.message().payload() == null ? "" : p.message().payload();
            messages.add(new AppMessage(p.app(), false, p.message().topic(), MqttPayloads.msgOf(payload), p.message().qos(), ttl,
                MessageIds.next(), null, p.sourceId(), p.message(), p.trace()));
        }
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        return retaining.replaceWith(Uni.createFrom().deferred(() -> this.messages.sendAll(messages))).map(sent -> {
            for (int j = 0; j < sent.size(); j++) {
                MqttApi.Message message = publishes.get(sending.get(j)).message();
                metrics.counter("push_mqtt_publishes_total", "qos", String.valueOf(message.qos())).increment();
                results[sending.get(j)] = sent.get(j).refusal() == null ? MqttApi.PublishResult.ACCEPTED : MqttApi.PublishResult.QUOTA_EXCEEDED;
            }
            return List.of(results);
        });
    }

    /** Seconds left of an MQTT 5 message's expiry, as the core keeps it stored; null when it has none. */
    static Long ttlOf(MqttApi.Message message) {
        Long expiresAt = message.properties() == null ? null : message.properties().expiresAt();
        return expiresAt == null ? null : Math.max(0, (expiresAt - System.currentTimeMillis() + 999) / 1000);
    }
}
