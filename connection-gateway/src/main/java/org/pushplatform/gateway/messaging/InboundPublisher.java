package org.pushplatform.gateway.messaging;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.session.LocalConnection;

/**
 * Writes client frames, connection lifecycle and delivery receipts to {@code push.in.routing}, keyed by the
 * connection's routing key (its session's once known), so that they stay in order and reach the session's owner.
 * Each record gets a unique message id, on which routing is idempotent. Never blocks: it is called on Netty threads.
 */
@ApplicationScoped
public class InboundPublisher {

    private final Emitter<String> emitter;
    private final String nodeId;

    public InboundPublisher(@Channel("routing-in") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.nodeId = config.nodeId();
    }

    public void publish(String type, LocalConnection connection, JsonNode payload) {
        publish(type, connection.routingKey(), connection.connectionId(), UUID.randomUUID().toString(), payload);
    }

    public void publish(String type, String routingKey, String connectionId, String messageId, JsonNode payload) {
        Envelope envelope = Envelope.fromConnection(type, nodeId, connectionId, messageId, payload);
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(routingKey).build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(key));
    }
}
