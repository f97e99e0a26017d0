package org.pushplatform.routing.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RecordBatch;
import org.pushplatform.contract.RecordBatcher;
import org.pushplatform.routing.config.RoutingConfig;

class GatewayPublisherTest {

    private final Vertx vertx = Vertx.vertx();
    private final RecordingEmitter emitter = new RecordingEmitter();
    private final GatewayPublisher publisher = new GatewayPublisher(emitter, new OutboundBacklog(Long.MAX_VALUE, new SimpleMeterRegistry()),
        config(), vertx, new SimpleMeterRegistry());

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aFanOutToTensOfThousandsOfConnectionsOfOneNodeGoesInRecordsKafkaTakesEachConnectionOnceInOrder() throws Exception {
        // given 25,000 subscribers of a topic connected to one node
        List<String> connectionIds = IntStream.range(0, 25_000).mapToObj(i -> "conn-" + i + "-0123456789abcdef").toList();

        // when one message is delivered to all of them
        publisher.emit("gw-1", new EmitToConnections(connectionIds, "message", List.of(EnvelopeCodec.mapper().readTree("{\"msg\":\"hi\"}"))));

        // then every record stays under the bound, and the connections are named once each, in order
        long deadline = System.currentTimeMillis() + 5_000;
        List<String> named = new ArrayList<>();
        while (named.size() < connectionIds.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            named.clear();
            for (String record : emitter.records()) {
                assertThat(record.length()).isLessThanOrEqualTo(RecordBatcher.MAX_BATCH_BYTES);
                Envelope envelope = EnvelopeCodec.decode(record);
                for (Envelope one : EnvelopeTypes.BATCH.equals(envelope.type()) ? RecordBatch.records(envelope) : List.of(envelope)) {
                    named.addAll(EnvelopeCodec.payload(one, EmitToConnections.class).connectionIds());
                }
            }
        }
        assertThat(named).isEqualTo(connectionIds);
    }

    private static RoutingConfig config() {
        return (RoutingConfig) java.lang.reflect.Proxy.newProxyInstance(RoutingConfig.class.getClassLoader(), new Class<?>[] {RoutingConfig.class},
            (proxy, method, args) -> method.getName().equals("topicPrefix") ? "push." : null);
    }

    /** Keeps what would go to Kafka. */
    static final class RecordingEmitter implements Emitter<String> {
        private final List<String> records = new ArrayList<>();

        synchronized List<String> records() {
            return List.copyOf(records);
        }

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized <M extends Message<? extends String>> void send(M message) {
            records.add(message.getPayload());
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
