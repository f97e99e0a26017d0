package org.pushplatform.routing.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.IotApi;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.service.KafkaSends;

/**
 * What routing hands iot-service on {@code push.in.iot}. PUBLISHes to {@code /sys/} topics are the IoT API's, never
 * the shared topic space's (so no client of any API can publish or read what looks like a device's or a channel's
 * topic): the client is answered once Kafka has the uplink, and iot-service owns it from then on. A device's MQTT
 * client ({@code {deviceName}&{productKey}}) coming and going goes there too, as its status.
 */
@ApplicationScoped
public class IotForwarder {

    private final Emitter<String> emitter;
    private final MeterRegistry metrics;

    public IotForwarder(@Channel("iot-uplinks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) Emitter<String> emitter,
                        MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /**
     * @param connection the publishing client's connection
     * @param sourceId   the id it goes under, the same however often the client sends it (QoS 2)
     */
    public Uni<Void> uplink(Envelope connection, String app, MqttApi.Message message, String sourceId) {
        var uplink = new IotApi.Uplink(message.origin(), message.topic(), message.payload() == null ? "" : message.payload(), message.qos());
        return send(IotApi.UPLINK, IotApi.uplinkKey(app, message.topic()), app, connection.nodeId(), connection.connectionId(),
            message.origin(), sourceId, uplink).invoke(() -> metrics.counter("push_iot_uplinks_total").increment());
    }

    /** A device client's presence; nothing for another client id. */
    public Uni<Void> presence(String app, String nodeId, String connectionId, String clientId, boolean online) {
        if (!IotApi.isDeviceClientId(clientId)) {
            return Uni.createFrom().voidItem();
        }
        return send(IotApi.PRESENCE, IotApi.deviceKey(app, clientId), app, nodeId, connectionId, clientId,
            connectionId + (online ? ":online" : ":offline"), new IotApi.Presence(clientId, online));
    }

    private Uni<Void> send(String event, String key, String app, String nodeId, String connectionId, String clientId, String messageId,
                           Object payload) {
        var envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.frame(IotApi.API, event), app, nodeId, connectionId, clientId,
            messageId, System.currentTimeMillis(), EnvelopeCodec.toJson(payload));
        return KafkaSends.send(emitter, key, EnvelopeCodec.encode(envelope));
    }
}
