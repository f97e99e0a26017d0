package org.pushplatform.iot.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.service.CoreCommandWriter;

/**
 * A JSON message on an MQTT topic to one MQTT client id of an app, through the core ({@code push.route}): a PUBLISH
 * at QoS 1 to its session, stored while it is away (for as long as {@code ttl}) and delivered when its PUBACK comes.
 * It goes to the client id, never to the topic space: no other client of the app can subscribe to a channel's or a
 * device's messages.
 */
@ApplicationScoped
public class ChannelMessages {

    private final CoreCommandWriter writer;

    public ChannelMessages(@Channel("route-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                           Emitter<String> emitter) {
        this.writer = new CoreCommandWriter(emitter);
    }

    /** One message to send. */
    public record Message(String app, String clientId, String topic, JsonNode json, Duration ttl) {
    }

    /** Completes when Kafka has every one of them. */
    public Uni<Void> send(List<Message> messages) {
        return writer.send(messages.stream().map(ChannelMessages::deliveryOf).toList());
    }

    public Uni<Void> send(Message message) {
        return send(List.of(message));
    }

    private static Deliver deliveryOf(Message m) {
        String payload = Base64.getEncoder().encodeToString(m.json().toString().getBytes(StandardCharsets.UTF_8));
        var publish = new MqttApi.Message(null, m.topic(), payload, 1, false);
        return new Deliver(new Address.Identity(m.app(), IdentityKinds.MQTT_CLIENT, m.clientId()), MqttApi.API, MqttApi.PUBLISH,
            List.of(EnvelopeCodec.toJson(publish)), 1, m.ttl().toSeconds(), Ack.client(Ack.DEFAULT_CLIENT_TIMEOUT_MS),
            UUID.randomUUID().toString(), null);
    }
}
