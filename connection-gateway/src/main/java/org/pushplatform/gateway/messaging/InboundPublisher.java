package org.pushplatform.gateway.messaging;

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

/**
 * Writes client frames and connection lifecycle to {@code push.in.routing}, keyed by connection id so that
 * one connection's frames stay in order. Never blocks: it is called on Netty threads.
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

    public void publish(String type, String connectionId, String messageId, JsonNode payload) {
        Envelope envelope = Envelope.fromConnection(type, nodeId, connectionId, messageId, payload);
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(connectionId).build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(key));
    }
}
