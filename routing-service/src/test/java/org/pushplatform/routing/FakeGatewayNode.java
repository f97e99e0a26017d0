package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.DeliveryReceipt;
import org.pushplatform.contract.RecordBatch;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.contract.SessionKeys;

/** Plays a gateway node on a real Kafka: writes client frames to push.in.routing, reads its push.gw.<node>. */
final class FakeGatewayNode implements AutoCloseable {

    static final String DEMO_APPKEY = "52fcc04c4dc903d66d6f8f92";

    private final String node = "test-" + UUID.randomUUID();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<EmitToConnections> unread = new ArrayList<>();
    private final List<Envelope> controls = new ArrayList<>();
    private final Map<String, String> routingKeys = new java.util.concurrent.ConcurrentHashMap<>();

    FakeGatewayNode(String bootstrap) {
        // like the real gateway, its delivery topic exists before anything is sent to it
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("push.gw." + node, 1, (short) -1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the delivery topic", e);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            // the real gateway's group name: gateway-<node id>
            ConsumerConfig.GROUP_ID_CONFIG, "gateway-" + node, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("push.gw." + node));
    }

    /** A new client connection on this node. */
    String open() {
        String connectionId = UUID.randomUUID().toString();
        send(connectionId, EnvelopeTypes.CONNECTION_OPENED, EnvelopeCodec.toJson(new ConnectionOpened("pubsub", "websocket", "test")));
        return connectionId;
    }

    /** Like the real gateway, a connection's frames are keyed by its session (appkey/customid) once it named one. */
    void frame(String connectionId, String event, JsonNode payload) {
        if (event.equals("connect_v2") && payload.path("appkey").isTextual() && payload.path("customid").isTextual()) {
            routingKeys.put(connectionId, SessionKeys.of(payload.get("appkey").asText(), payload.get("customid").asText()));
        }
        send(connectionId, EnvelopeTypes.pubsubFrame(event), payload);
    }

    /**
     * A push-server frame of a connection of {@code app}, as the push listeners send them (the app stamped on the
     * envelope); after {@code connect {alias}} keyed by the alias, like the real gateway.
     */
    void pushFrame(String connectionId, String app, String event, JsonNode payload) {
        if (event.equals("connect") && payload.path("alias").isTextual()) {
            routingKeys.put(connectionId, SessionKeys.of(app, payload.get("alias").asText()));
        }
        Envelope envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.frame("push", event), app, node, connectionId, null,
            UUID.randomUUID().toString(), System.currentTimeMillis(), payload);
        producer.send(new ProducerRecord<>("push.in.routing", routingKeys.getOrDefault(connectionId, connectionId), EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    /** A frame sent with others before one flush, as a busy gateway sends them. */
    void frameWithoutFlush(String connectionId, String event, JsonNode payload) {
        Envelope envelope = Envelope.fromConnection(EnvelopeTypes.pubsubFrame(event), node, connectionId, UUID.randomUUID().toString(), payload);
        producer.send(new ProducerRecord<>("push.in.routing", routingKeys.getOrDefault(connectionId, connectionId), EnvelopeCodec.encode(envelope)));
    }

    void flush() {
        producer.flush();
    }

    /** The client went away. */
    void close(String connectionId) {
        send(connectionId, EnvelopeTypes.CONNECTION_CLOSED, null);
    }

    /** This node is alive, in its run {@code bootId}, as the real gateway says every few seconds. */
    void heartbeat(String bootId) {
        Envelope envelope = Envelope.toGateway(EnvelopeTypes.GATEWAY_HEARTBEAT, node, UUID.randomUUID().toString(),
            EnvelopeCodec.toJson(new GatewayHeartbeat(bootId, 60_000, 1)));
        producer.send(new ProducerRecord<>("push.heartbeats", node, EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    /** A heartbeat as this node, saying what it likes (where it is, its counts). */
    void heartbeat(GatewayHeartbeat heartbeat) {
        Envelope envelope = Envelope.toGateway(EnvelopeTypes.GATEWAY_HEARTBEAT, node, UUID.randomUUID().toString(),
            EnvelopeCodec.toJson(heartbeat));
        producer.send(new ProducerRecord<>("push.heartbeats", node, EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    /** Tells routing a stored message was written to the connection, as the gateway does after each write. */
    void receipt(String connectionId, String receiptId) {
        Envelope envelope = Envelope.fromConnection(EnvelopeTypes.DELIVERY_RECEIPT, node, connectionId, receiptId, null);
        producer.send(new ProducerRecord<>("push.in.routing", routingKeys.getOrDefault(connectionId, connectionId), EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    /** At least {@code count} deliveries to this node (those not yet taken first), within 30 s. */
    List<EmitToConnections> awaitEmits(int count) {
        List<EmitToConnections> emits = new ArrayList<>(unread);
        unread.clear();
        long deadline = System.currentTimeMillis() + 30_000;
        while (emits.size() < count && System.currentTimeMillis() < deadline) {
            emits.addAll(poll());
        }
        assertThat(emits).hasSizeGreaterThanOrEqualTo(count);
        return emits;
    }

    /** The next delivery of {@code event} to the connection, within 30 s; the others stay for later calls. */
    EmitToConnections awaitEvent(String connectionId, String event) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (EmitToConnections emit : unread) {
                if (emit.event().equals(event) && emit.connectionIds().contains(connectionId)) {
                    unread.remove(emit);
                    return emit;
                }
            }
            unread.addAll(poll());
        }
        throw new AssertionError("no " + event + " for " + connectionId + " within 30 s; got " + unread);
    }

    /** Polls until Kafka has assigned this node its delivery topic, as a running gateway's consumer is. */
    void joinGroup() {
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            unread.addAll(poll());
        }
        assertThat(consumer.assignment()).isNotEmpty();
    }

    private List<EmitToConnections> poll() {
        List<EmitToConnections> emits = new ArrayList<>();
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            Envelope received = EnvelopeCodec.decode(record.value());
            List<Envelope> envelopes = EnvelopeTypes.BATCH.equals(received.type()) ? RecordBatch.records(received) : List.of(received);
            for (Envelope envelope : envelopes) {
                if (EnvelopeTypes.EMIT.equals(envelope.type())) {
                    emits.add(EnvelopeCodec.payload(envelope, EmitToConnections.class));
                } else {
                    controls.add(envelope);
                }
            }
        });
        return emits;
    }

    /** The next control record of {@code type} (room, disconnect, bound) for the connection, within 30 s. */
    GatewayControl awaitControl(String connectionId, String type) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (Envelope envelope : controls) {
                GatewayControl control = EnvelopeCodec.payload(envelope, GatewayControl.class);
                if (envelope.type().equals(type) && connectionId.equals(control.connectionId())) {
                    controls.remove(envelope);
                    return control;
                }
            }
            unread.addAll(poll());
        }
        throw new AssertionError("no " + type + " for " + connectionId + " within 30 s; got " + controls);
    }

    /** What the real gateway answers once it wrote a delivery, or the client acked it or not in time. */
    void receipt(String connectionId, DeliveryReceipt receipt) {
        Envelope envelope = Envelope.fromConnection(EnvelopeTypes.DELIVERY_RECEIPT, node, connectionId, UUID.randomUUID().toString(),
            EnvelopeCodec.toJson(receipt));
        producer.send(new ProducerRecord<>("push.in.routing", routingKeys.getOrDefault(connectionId, connectionId), EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    /** Frames of this connection are keyed by {@code key} from now on, as the real gateway does when told BOUND. */
    void rekey(String connectionId, String key) {
        routingKeys.put(connectionId, key);
    }

    String nodeId() {
        return node;
    }

    /** Whatever arrives within {@code millis}, with those not yet taken. */
    List<EmitToConnections> pollEmits(long millis) {
        List<EmitToConnections> emits = new ArrayList<>(unread);
        unread.clear();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            emits.addAll(poll());
        }
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
        producer.send(new ProducerRecord<>("push.in.routing", routingKeys.getOrDefault(connectionId, connectionId), EnvelopeCodec.encode(envelope)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
