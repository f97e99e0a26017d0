package org.pushplatform.routing.messaging;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.pubsub.MessageIds;

/** Writes deliveries to {@code push.gw.<nodeId>}: one record per node, fanned out there to its connections. */
@ApplicationScoped
public class GatewayPublisher {

    private final Emitter<String> emitter;
    private final Topics topics;

    public GatewayPublisher(@Channel("gateway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, RoutingConfig config) {
        this.emitter = emitter;
        this.topics = new Topics(config.topicPrefix());
    }

    public void emit(String nodeId, List<String> connectionIds, String event, List<JsonNode> args) {
        emit(nodeId, connectionIds, event, args, null);
    }

    /** @param receiptId null, or a stored message's id: the gateway answers each write with a receipt */
    public void emit(String nodeId, List<String> connectionIds, String event, List<JsonNode> args, String receiptId) {
        Envelope envelope = Envelope.toGateway(EnvelopeTypes.EMIT, nodeId, MessageIds.next(),
            EnvelopeCodec.toJson(new EmitToConnections(connectionIds, event, args, receiptId)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.gateway(nodeId))
            .withKey(nodeId)
            .build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(metadata));
    }
}
