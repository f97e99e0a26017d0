package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Routing as gateways see it: envelopes in on push.in.routing, deliveries out on push.gw.<node>, real Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class PubsubRoutingTest {

    static final String APPKEY = "52fcc04c4dc903d66d6f8f92";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaProducer<String, String> producer;
    KafkaConsumer<String, String> consumer;
    String node;

    @BeforeEach
    void connectToKafka() {
        node = "test-" + UUID.randomUUID();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, node, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("push.gw." + node));
    }

    @AfterEach
    void close() {
        producer.close();
        consumer.close();
    }

    @Test
    void subscriberOnAnotherConnectionReceivesWhatIsPublished() {
        // given
        String subscriber = open();
        String publisher = open();
        frame(subscriber, "connect_v2", json("appkey", APPKEY, "customid", "sub-" + UUID.randomUUID()));
        frame(publisher, "connect_v2", json("appkey", APPKEY, "customid", "pub-" + UUID.randomUUID()));
        frame(subscriber, "subscribe", json("topic", "news", "messageId", "5"));
        // frames of different connections may be handled in any order: publish once the subscription is acked
        List<EmitToConnections> setup = awaitEmits(3);
        assertThat(find(setup, subscriber, "connack").args().get(0).get("success").asBoolean()).isTrue();
        assertThat(find(setup, subscriber, "suback").args()).extracting(JsonNode::toString)
            .containsExactly("{\"success\":true}", "{\"topic\":\"news\"}", "{\"messageId\":\"5\"}");

        // when
        frame(publisher, "publish", json("topic", "news", "msg", "hello", "messageId", "99"));

        // then
        List<EmitToConnections> out = awaitEmits(2);
        assertThat(find(out, subscriber, "message").args().get(0).toString()).isEqualTo("{\"topic\":\"news\",\"msg\":\"hello\"}");
        assertThat(find(out, publisher, "puback").args().get(0).toString()).isEqualTo("{\"success\":true,\"messageId\":\"99\"}");
    }

    @Test
    void unknownAppkeyIsRefused() {
        String connection = open();
        frame(connection, "connect_v2", json("appkey", "nope", "customid", "x"));

        EmitToConnections connack = find(awaitEmits(1), connection, "connack");
        assertThat(connack.args().get(0).get("success").asBoolean()).isFalse();
        assertThat(connack.args().get(0).get("error_msg").asText()).isEqualTo("unknown appkey");
    }

    @Test
    void frameBeforeConnectGetsTheFailureReplyOfItsEvent() {
        String connection = open();
        frame(connection, "subscribe", json("topic", "t", "messageId", "1"));

        EmitToConnections suback = find(awaitEmits(1), connection, "suback");
        assertThat(suback.args().get(0).get("success").asBoolean()).isFalse();
        assertThat(suback.args().get(1).get("topic").asText()).isEqualTo("t");
    }

    private String open() {
        String connectionId = UUID.randomUUID().toString();
        send(connectionId, EnvelopeTypes.CONNECTION_OPENED, EnvelopeCodec.toJson(new ConnectionOpened("pubsub", "websocket", "test")));
        return connectionId;
    }

    private void frame(String connectionId, String event, JsonNode payload) {
        send(connectionId, EnvelopeTypes.pubsubFrame(event), payload);
    }

    private void send(String connectionId, String type, JsonNode payload) {
        Envelope envelope = Envelope.fromConnection(type, node, connectionId, UUID.randomUUID().toString(), payload);
        producer.send(new ProducerRecord<>("push.in.routing", connectionId, EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    private List<EmitToConnections> awaitEmits(int count) {
        List<EmitToConnections> emits = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (emits.size() < count && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(record ->
                emits.add(EnvelopeCodec.payload(EnvelopeCodec.decode(record.value()), EmitToConnections.class)));
        }
        assertThat(emits).hasSizeGreaterThanOrEqualTo(count);
        return emits;
    }

    private static EmitToConnections find(List<EmitToConnections> emits, String connectionId, String event) {
        return emits.stream().filter(e -> e.event().equals(event) && e.connectionIds().contains(connectionId)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + event + " for " + connectionId + " in " + emits));
    }

    private static ObjectNode json(String... keyValues) {
        ObjectNode node = EnvelopeCodec.mapper().createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return node;
    }
}
