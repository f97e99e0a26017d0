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
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.Topics;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.session.LocalConnection;

/**
 * Writes client frames, connection lifecycle and delivery receipts to {@code push.in.<service>} of the connection's
 * API, keyed by the connection's routing key (its identity's once known), so that they stay in order and reach the
 * identity's owner. Each record gets a unique message id, on which services are idempotent. Never blocks: it is
 * called on Netty threads.
 */
@ApplicationScoped
public class InboundPublisher {

    private static final String ROUTING = "routing";

    private final Emitter<String> emitter;
    private final String nodeId;
    private final Topics topics;

    public InboundPublisher(@Channel("routing-in") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.nodeId = config.nodeId();
        this.topics = new Topics(config.topicPrefix());
    }

    /** @return the record's message id */
    public String publish(String type, LocalConnection connection, JsonNode payload) {
        return publish(type, connection, connection.routingKey(), payload);
    }

    /** Under a routing key the connection had before (its earlier identity). @return the record's message id */
    public String publish(String type, LocalConnection connection, String routingKey, JsonNode payload) {
        return send(connection.service(), type, connection, routingKey, payload);
    }

    /**
     * To routing, the delivery hub, whichever service owns the connection's API: receipts and client acks, which
     * only routing tracks.
     */
    public void publishToRouting(String type, LocalConnection connection, JsonNode payload) {
        send(ROUTING, type, connection, connection.routingKey(), payload);
    }

    /** A closed connection: its service hears it, and routing too, which holds every identity's connections. */
    public void closed(LocalConnection connection, String routingKey) {
        send(connection.service(), EnvelopeTypes.CONNECTION_CLOSED, connection, routingKey, null);
        if (!ROUTING.equals(connection.service())) {
            send(ROUTING, EnvelopeTypes.CONNECTION_CLOSED, connection, routingKey, null);
        }
    }

    private String send(String service, String type, LocalConnection connection, String routingKey, JsonNode payload) {
        String messageId = UUID.randomUUID().toString();
        Envelope envelope = new Envelope(Envelope.VERSION, type, connection.app(), nodeId, connection.connectionId(), null, messageId,
            System.currentTimeMillis(), payload);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.inbound(service)).withKey(routingKey).build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(metadata));
        return messageId;
    }
}
