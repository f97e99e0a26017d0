package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;

/** Plays a gateway node on a real Kafka: writes client frames to push.in.routing, reads its push.gw.<node>. */
final class FakeGatewayNode implements AutoCloseable {

    static final String DEMO_APPKEY = "52fcc04c4dc903d66d6f8f92";

    private final String node = "test-" + UUID.randomUUID();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;

    FakeGatewayNode(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, node, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("push.gw." + node));
    }

    /** A new client connection on this node. */
    String open() {
        String connectionId = UUID.randomUUID().toString();
        send(connectionId, EnvelopeTypes.CONNECTION_OPENED, EnvelopeCodec.toJson(new ConnectionOpened("pubsub", "websocket", "test")));
        return connectionId;
    }

    void frame(String connectionId, String event, JsonNode payload) {
        send(connectionId, EnvelopeTypes.pubsubFrame(event), payload);
    }

    /** At least {@code count} deliveries to this node, within 30 s. */
    List<EmitToConnections> awaitEmits(int count) {
        List<EmitToConnections> emits = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (emits.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(record ->
                emits.add(EnvelopeCodec.payload(EnvelopeCodec.decode(record.value()), EmitToConnections.class)));
        }
        assertThat(emits).hasSizeGreaterThanOrEqualTo(count);
        return emits;
    }

    static EmitToConnections find(List<EmitToConnections> emits, String connectionId, String event) {
        return emits.stream().filter(e -> e.event().equals(event) && e.connectionIds().contains(connectionId)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + event + " for " + connectionId + " in " + emits));
    }

    static ObjectNode json(String... keyValues) {
        ObjectNode node = EnvelopeCodec.mapper().createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return node;
    }

    private void send(String connectionId, String type, JsonNode payload) {
        Envelope envelope = Envelope.fromConnection(type, node, connectionId, UUID.randomUUID().toString(), payload);
        producer.send(new ProducerRecord<>("push.in.routing", connectionId, EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
