package org.pushplatform.routing.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.NodeExpired;
import org.pushplatform.contract.RecordBatcher;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Writes to {@code push.gw.<nodeId>}: deliveries, one record per node fanned out there, and connection control.
 * Batch-first: what is written for one node within a millisecond goes as one record (see {@link RecordBatcher}). A
 * delivery to more connections than fit in one record (tens of thousands on one node) is split into records under
 * {@link RecordBatcher#MAX_BATCH_BYTES}, in order. A record Kafka refuses is counted and logged.
 */
@ApplicationScoped
public class GatewayPublisher {

    private static final Logger LOG = Logger.getLogger(GatewayPublisher.class);

    private final Emitter<String> emitter;
    private final OutboundBacklog backlog;
    private final Topics topics;
    private final RecordBatcher<String> batches;
    private final Counter sendFailures;

    public GatewayPublisher(@Channel("gateway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, OutboundBacklog backlog, RoutingConfig config, Vertx vertx, MeterRegistry metrics) {
        this.emitter = emitter;
        this.backlog = backlog;
        this.sendFailures = metrics.counter("push_kafka_send_failures_total", "channel", "gateway-out");
        this.topics = new Topics(config.topicPrefix());
        this.batches = new RecordBatcher<>(flush -> vertx.setTimer(1, id -> flush.run()), this::write, nodeId -> nodeId);
    }

    public void emit(String nodeId, List<String> connectionIds, String event, List<JsonNode> args) {
        emit(nodeId, new EmitToConnections(connectionIds, event, args));
    }

    public void emit(String nodeId, EmitToConnections emit) {
        String envelope = encode(nodeId, EnvelopeTypes.EMIT, EnvelopeCodec.toJson(emit));
        List<String> ids = emit.connectionIds();
        if (envelope.length() > RecordBatcher.MAX_BATCH_BYTES && ids != null && ids.size() > 1) {
            emit(nodeId, emit.toConnections(List.copyOf(ids.subList(0, ids.size() / 2))));
            emit(nodeId, emit.toConnections(List.copyOf(ids.subList(ids.size() / 2, ids.size()))));
        } else {
            batches.send(nodeId, envelope);
        }
    }

    /** Tells a node that routing took this run of it for dead (see {@link NodeExpired}). */
    public void nodeExpired(String nodeId, NodeExpired expired) {
        send(nodeId, EnvelopeTypes.NODE_EXPIRED, EnvelopeCodec.toJson(expired));
    }

    /** Room membership, disconnects and bindings of one local connection of the node. */
    public void control(String nodeId, String type, GatewayControl control) {
        send(nodeId, type, EnvelopeCodec.toJson(control));
    }

    private void send(String nodeId, String type, JsonNode payload) {
        batches.send(nodeId, encode(nodeId, type, payload));
    }

    private static String encode(String nodeId, String type, JsonNode payload) {
        return EnvelopeCodec.encode(Envelope.toGateway(type, nodeId, MessageIds.next(), payload));
    }

    private void write(String nodeId, String record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.gateway(nodeId))
            .withKey(nodeId)
            .build();
        emitter.send(backlog.counted(Message.of(record).addMetadata(metadata).withNack(failure -> {
            sendFailures.increment();
            LOG.errorf("[routing] a record of %d bytes for gateway node %s was refused: %s", record.length(), nodeId, failure.getMessage());
            return CompletableFuture.completedFuture(null);
        }), record.length()));
    }
}
