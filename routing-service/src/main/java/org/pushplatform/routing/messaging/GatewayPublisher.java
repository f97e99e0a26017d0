package org.pushplatform.routing.messaging;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.RecordBatcher;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Writes to {@code push.gw.<nodeId>}: deliveries, one record per node fanned out there, and connection control.
 * Batch-first: what is written for one node within a millisecond goes as one record (see {@link RecordBatcher}).
 */
@ApplicationScoped
public class GatewayPublisher {

    private final Emitter<String> emitter;
    private final Topics topics;
    private final RecordBatcher<String> batches;

    public GatewayPublisher(@Channel("gateway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, RoutingConfig config, Vertx vertx) {
        this.emitter = emitter;
        this.topics = new Topics(config.topicPrefix());
        this.batches = new RecordBatcher<>(flush -> vertx.setTimer(1, id -> flush.run()), this::write, nodeId -> nodeId);
    }

    public void emit(String nodeId, List<String> connectionIds, String event, List<JsonNode> args) {
        emit(nodeId, new EmitToConnections(connectionIds, event, args));
    }

    public void emit(String nodeId, EmitToConnections emit) {
        send(nodeId, EnvelopeTypes.EMIT, EnvelopeCodec.toJson(emit));
    }

    /** Room membership, disconnects and bindings of one local connection of the node. */
    public void control(String nodeId, String type, GatewayControl control) {
        send(nodeId, type, EnvelopeCodec.toJson(control));
    }

    private void send(String nodeId, String type, JsonNode payload) {
        batches.send(nodeId, EnvelopeCodec.encode(Envelope.toGateway(type, nodeId, MessageIds.next(), payload)));
    }

    private void write(String nodeId, String record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.gateway(nodeId))
            .withKey(nodeId)
            .build();
        emitter.send(Message.of(record).addMetadata(metadata));
    }
}
