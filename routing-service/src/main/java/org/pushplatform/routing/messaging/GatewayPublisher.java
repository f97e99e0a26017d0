package org.pushplatform.routing.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.pushplatform.contract.GatewayBatch;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Writes to {@code push.gw.<nodeId>}: deliveries, one record per node fanned out there, and connection control.
 * Batch-first: what is written for one node within a millisecond goes as one {@link GatewayBatch} record (in
 * order, at most {@link #MAX_BATCH_BYTES} each), so that a busy node gets a few large records instead of many small.
 */
@ApplicationScoped
public class GatewayPublisher {

    /** Kafka's default request limit is 1 MiB; batches stay well under it. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final long FLUSH_AFTER_MS = 1;

    private final Emitter<String> emitter;
    private final Topics topics;
    private final Vertx vertx;
    private final Map<String, List<String>> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    public GatewayPublisher(@Channel("gateway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<String> emitter, RoutingConfig config, Vertx vertx) {
        this.emitter = emitter;
        this.topics = new Topics(config.topicPrefix());
        this.vertx = vertx;
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
        String record = EnvelopeCodec.encode(Envelope.toGateway(type, nodeId, MessageIds.next(), payload));
        synchronized (pending) {
            pending.computeIfAbsent(nodeId, n -> new ArrayList<>()).add(record);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        vertx.setTimer(FLUSH_AFTER_MS, id -> flush());
    }

    private void flush() {
        Map<String, List<String>> batches;
        synchronized (pending) {
            batches = new LinkedHashMap<>(pending);
            pending.clear();
            flushScheduled = false;
        }
        batches.forEach(this::write);
    }

    /** One record when alone, else batches under the byte bound, in order. */
    private void write(String nodeId, List<String> records) {
        if (records.size() == 1) {
            write(nodeId, records.get(0));
            return;
        }
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (String record : records) {
            if (!batch.isEmpty() && bytes + record.length() > MAX_BATCH_BYTES) {
                write(nodeId, GatewayBatch.encode(nodeId, MessageIds.next(), batch));
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(record);
            bytes += record.length();
        }
        write(nodeId, batch.size() == 1 ? batch.get(0) : GatewayBatch.encode(nodeId, MessageIds.next(), batch));
    }

    private void write(String nodeId, String record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(topics.gateway(nodeId))
            .withKey(nodeId)
            .build();
        emitter.send(Message.of(record).addMetadata(metadata));
    }
}
