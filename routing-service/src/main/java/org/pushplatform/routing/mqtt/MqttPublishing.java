package org.pushplatform.routing.mqtt;

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

    /** @param sourceId the id it is stored under once however often it is asked; may be null */
    public Uni<MqttApi.PublishResult> publish(String app, MqttApi.Message message, String sourceId) {
        Long ttl = ttlOf(message);
        if (ttl != null && ttl <= 0) {
            return Uni.createFrom().item(MqttApi.PublishResult.ACCEPTED); // expired on its way: nobody may get it
        }
        String payload = message.payload() == null ? "" : message.payload();
        Uni<Void> retaining = message.retain() ? retained.retain(app, message) : Uni.createFrom().voidItem();
        return retaining.replaceWith(Uni.createFrom().deferred(() -> messages.sendAll(List.of(new AppMessage(app, false, message.topic(),
            MqttPayloads.msgOf(payload), message.qos(), ttl, MessageIds.next(), null, sourceId, message))))).map(sent -> {
                metrics.counter("push_mqtt_publishes_total", "qos", String.valueOf(message.qos())).increment();
                return sent.get(0).refusal() == null ? MqttApi.PublishResult.ACCEPTED : MqttApi.PublishResult.QUOTA_EXCEEDED;
            });
    }

    /** Seconds left of an MQTT 5 message's expiry, as the core keeps it stored; null when it has none. */
    static Long ttlOf(MqttApi.Message message) {
        Long expiresAt = message.properties() == null ? null : message.properties().expiresAt();
        return expiresAt == null ? null : Math.max(0, (expiresAt - System.currentTimeMillis() + 999) / 1000);
    }
}
