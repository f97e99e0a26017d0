package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.pushplatform.routing.FakeGatewayNode.find;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import org.pushplatform.contract.DeliveryReceipt;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Delivery commands from other teams, over Kafka and REST, and the outcomes they hear on push.events.deliveries. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class DeliveryCoreTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    FakeGatewayNode gateway;
    KafkaProducer<String, String> otherTeam;
    KafkaConsumer<String, String> outcomes;
    String appkey;
    String secret;
    String requester;
    final Map<String, JsonNode> seen = new HashMap<>();

    @BeforeEach
    void start() {
        JsonNode created = EnvelopeCodec.mapper().valueToTree(given().header("Authorization", AppResourceTest.ADMIN)
            .contentType(ContentType.JSON).body("{\"name\":\"core-" + UUID.randomUUID() + "\"}").post("/admin/apps")
            .then().statusCode(201).extract().as(Map.class));
        appkey = created.path("appkey").asText();
        secret = created.path("secret").asText();
        requester = "team-" + UUID.randomUUID();
        gateway = new FakeGatewayNode(bootstrap);
        otherTeam = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
            new StringSerializer());
        outcomes = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, requester, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer());
        outcomes.subscribe(List.of("push.events.deliveries"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        otherTeam.close();
        outcomes.close();
    }

    @Test
    void aStoredDeliveryToAnAliasOverKafkaReachesThePubsubSessionAndReportsDelivered() {
        // given a pubsub session with an alias, connected
        String connection = connectPubsub("bob-" + UUID.randomUUID());
        gateway.frame(connection, "set_alias", json("alias", "bob"));
        gateway.awaitEvent(connection, "set_alias_ack");

        // when another team delivers to the alias at QoS 1 and asks for the outcome
        command(new Deliver(new Address.Identity(appkey, IdentityKinds.ALIAS, "bob"), "pubsub", "notice",
            List.of(json("text", "hi")), 1, 60L, null, "m-1", requester));

        // then the connection gets the event as sent, stored until received
        EmitToConnections emit = gateway.awaitEvent(connection, "notice");
        assertThat(emit.args().get(0).get("text").asText()).isEqualTo("hi");
        assertThat(emit.receiptId()).isNotNull();
        assertThat(emit.ackMode()).isEqualTo("RECEIPT");
        // and once the gateway wrote it, the requester hears it was delivered
        gateway.receipt(connection, new DeliveryReceipt(emit.receiptId(), true, null, emit.ticket()));
        JsonNode outcome = awaitOutcome("m-1");
        assertThat(outcome.get("type").asText()).isEqualTo("org.pushplatform.delivery.delivered");
        assertThat(outcome.get("data").get("connectionId").asText()).isEqualTo(connection);
        assertThat(outcome.get("data").get("to").get("id").asText()).isEqualTo("bob");
    }

    @Test
    void aClientAckedDeliveryToAConnectionOverRestCarriesTheAckPayloadInItsOutcome() {
        // given a connected pubsub client
        String connection = connectPubsub("acker-" + UUID.randomUUID());

        // when another team asks over REST for a client ack within 5 s
        Deliver deliver = new Deliver(new Address.Connection(appkey, gateway.nodeId(), connection), "pubsub", "ping",
            List.of(), 0, null, Ack.client(5000), "m-2", requester);
        given().header("X-App-Secret", secret).contentType(ContentType.JSON).body(EnvelopeCodec.toJson(deliver).toString())
            .post("/api/v1/apps/" + appkey + "/deliveries").then().statusCode(202).body("messageId", equalTo("m-2"));

        // then the gateway is asked to wait for the client's ack
        EmitToConnections emit = gateway.awaitEvent(connection, "ping");
        assertThat(emit.ackMode()).isEqualTo("CLIENT");
        assertThat(emit.ackTimeoutMs()).isEqualTo(5000L);
        // and the client's ack payload reaches the requester
        gateway.receipt(connection, new DeliveryReceipt(null, true, json("status", "online"), emit.ticket()));
        JsonNode outcome = awaitOutcome("m-2");
        assertThat(outcome.get("type").asText()).isEqualTo("org.pushplatform.delivery.delivered");
        assertThat(outcome.get("data").get("ack").get("status").asText()).isEqualTo("online");
    }

    @Test
    void failuresAreReportedNotDropped() {
        // given a session that is known but offline, and a client that will not ack
        String offline = "offline-" + UUID.randomUUID();
        command(new ControlCommands.Subscribe(new Address.Identity(appkey, IdentityKinds.SESSION, offline), "news"));
        String silent = connectPubsub("silent-" + UUID.randomUUID());

        // when
        command(new Deliver(new Address.Identity(appkey, IdentityKinds.SESSION, offline), "pubsub", "notice", List.of(), 0,
            null, null, "m-offline", requester));
        command(new Deliver(new Address.Identity(appkey, IdentityKinds.SESSION, "nobody"), "pubsub", "notice", List.of(), 0,
            null, null, "m-nobody", requester));
        command(new Deliver(new Address.Connection(appkey, gateway.nodeId(), silent), "pubsub", "ping", List.of(), 0, null,
            Ack.client(1000), "m-silent", requester));
        gateway.receipt(silent, new DeliveryReceipt(null, false, null, gateway.awaitEvent(silent, "ping").ticket()));

        // then
        assertThat(awaitOutcome("m-offline").get("data").get("reason").asText()).isEqualTo("OFFLINE");
        assertThat(awaitOutcome("m-nobody").get("data").get("reason").asText()).isEqualTo("NO_SUCH_IDENTITY");
        assertThat(awaitOutcome("m-silent").get("data").get("reason").asText()).isEqualTo("ACK_TIMEOUT");
    }

    @Test
    void controlCommandsReachTheConnectionsNode() {
        // given
        String connection = gateway.open();
        Address.Connection address = new Address.Connection(appkey, gateway.nodeId(), connection);
        Address.Identity device = new Address.Identity(appkey, IdentityKinds.DEVICE, "sn-" + UUID.randomUUID());

        // when a service binds the connection to an identity and puts it in a room
        command(new ControlCommands.BindIdentity(address, device, "device"));
        command(new ControlCommands.JoinRoom(address, "bp_student_42"));

        // then the gateway keys the connection's frames by the identity, and adds it to the room
        assertThat(gateway.awaitControl(connection, EnvelopeTypes.BOUND).routingKey()).isEqualTo(device.key());
        assertThat(gateway.awaitControl(connection, EnvelopeTypes.JOIN_ROOM).room()).isEqualTo("bp_student_42");
        // and a delivery to the device identity reaches it, in its own API
        command(new Deliver(device, "device", "restart_device", List.of(json("at", "now")), 0, null, null, "m-3", null));
        assertThat(gateway.awaitEvent(connection, "restart_device").args().get(0).get("at").asText()).isEqualTo("now");
    }

    @Test
    void aDeliveryInAnotherApiDoesNotReachAPubsubSession() {
        // given
        String customid = "api-" + UUID.randomUUID();
        String connection = connectPubsub(customid);

        // when a device event is sent to the pubsub session, then a pubsub one
        command(new Deliver(new Address.Identity(appkey, IdentityKinds.SESSION, customid), "device", "restart_device", List.of(),
            0, null, null, "m-4", null));
        command(new Deliver(new Address.Identity(appkey, IdentityKinds.SESSION, customid), "pubsub", "notice", List.of(),
            0, null, null, "m-5", null));

        // then only the pubsub one arrives
        gateway.awaitEvent(connection, "notice");
        assertThat(gateway.pollEmits(500)).noneMatch(e -> e.event().equals("restart_device"));
    }

    @Test
    void manySessionsPublishingToOneAliasAtOnceAllReachIt() {
        // given a receiver with an alias, and 20 publishing sessions
        String receiver = connectPubsub("rcv-" + UUID.randomUUID());
        gateway.frame(receiver, "set_alias", json("alias", "popular"));
        gateway.awaitEvent(receiver, "set_alias_ack");
        List<String> publishers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            publishers.add(connectPubsub("pub-" + i + "-" + UUID.randomUUID()));
        }

        // when all publish to the alias at QoS 1 at once (so that several land in one round of a poll)
        for (int i = 0; i < publishers.size(); i++) {
            gateway.frameWithoutFlush(publishers.get(i), "publish_to_alias", json("alias", "popular", "msg", "m" + i));
        }
        gateway.flush();

        // then every message reaches the receiver
        List<String> received = new java.util.ArrayList<>();
        for (int i = 0; i < publishers.size(); i++) {
            received.add(gateway.awaitEvent(receiver, "message").args().get(0).get("msg").asText());
        }
        assertThat(received).hasSize(20).doesNotHaveDuplicates();
    }

    private String connectPubsub(String customid) {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", appkey, "customid", customid));
        gateway.awaitEvent(connection, "connack");
        return connection;
    }

    private void command(DeliveryRecord command) {
        String record = EnvelopeCodec.encode(DeliveryRecords.envelope(command, UUID.randomUUID().toString()));
        otherTeam.send(new ProducerRecord<>("push.commands", command.key(), record));
        otherTeam.flush();
    }

    /** The requester's outcome of the message, within 30 s; outcomes of other messages are kept for later calls. */
    private JsonNode awaitOutcome(String messageId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!seen.containsKey(messageId) && System.currentTimeMillis() < deadline) {
            for (var record : outcomes.poll(Duration.ofMillis(200))) {
                JsonNode event = parse(record.value());
                if (requester.equals(record.key())) {
                    seen.put(event.path("data").path("messageId").asText(), event);
                }
            }
        }
        assertThat(seen).as("outcomes of " + requester).containsKey(messageId);
        return seen.get(messageId);
    }

    private static JsonNode parse(String json) {
        try {
            return EnvelopeCodec.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
