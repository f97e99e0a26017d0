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
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.service.KafkaSends;

/**
 * PUBLISHes to {@code /sys/} topics are the IoT API's: handed to iot-service on {@code push.in.iot}, never to the
 * shared topic space (so no client of any API can publish or read what looks like a device's or a channel's topic).
 * The client is answered once Kafka has the uplink: iot-service then owns it.
 */
@ApplicationScoped
public class IotUplinks {

    private final Emitter<String> emitter;
    private final MeterRegistry metrics;

    public IotUplinks(@Channel("iot-uplinks") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) Emitter<String> emitter,
                      MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** @param sourceId the id it goes under, the same however often the client sends it (QoS 2) */
    public Uni<Void> forward(ClientConnection client, MqttApi.Message message, String sourceId) {
        var uplink = new IotApi.Uplink(message.origin(), message.topic(), message.payload() == null ? "" : message.payload(), message.qos());
        var envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.frame(IotApi.API, IotApi.UPLINK), client.app(), client.nodeId(),
            client.connectionId(), message.origin(), sourceId, System.currentTimeMillis(), EnvelopeCodec.toJson(uplink));
        return KafkaSends.send(emitter, IotApi.uplinkKey(client.app(), message.topic()), EnvelopeCodec.encode(envelope))
            .invoke(() -> metrics.counter("push_iot_uplinks_total").increment());
    }
}
