package org.pushplatform.iot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.IotApi;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * iot-service on a real Kafka and PostgreSQL, routing played: a channel binds through an uplink on
 * {@code push.in.iot}; other teams' CloudEvents on {@code push.commands.iot} reach it as MQTT publishes on
 * {@code push.route}, a bad record among them held against nothing; the admin API refuses what it cannot take.
 */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class IotChannelTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final String app = "app-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> route;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer());
        route = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
            "core-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new StringDeserializer());
        route.subscribe(List.of("push.route"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (route.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            route.poll(Duration.ofMillis(100));
        }
    }

    @AfterEach
    void close() {
        producer.close();
        route.close();
    }

    private RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON);
    }

    @Test
    void aBoundChannelGetsOtherTeamsChangesAndABadRecordStopsNothing() throws Exception {
        admin().body(Map.of("productKey", "chan")).post("/admin/apps/" + app + "/products").then().statusCode(201);
        admin().body(Map.of("productKey", "meter")).post("/admin/apps/" + app + "/products").then().statusCode(201);
        admin().body(Map.of("deviceName", "m1")).post("/admin/apps/" + app + "/products/meter/devices").then().statusCode(201);
        admin().body(Map.of("accountId", "bob")).post("/admin/apps/" + app + "/accounts").then().statusCode(201);
        admin().put("/admin/apps/" + app + "/accounts/bob/devices/meter/m1").then().statusCode(204);
        String token = admin().body(Map.of()).post("/admin/apps/" + app + "/accounts/bob/tokens").then().statusCode(201)
            .extract().path("iotToken");

        uplink("phone-1", "/sys/chan/p1/app/up/account/bind",
            "{\"id\":\"b1\",\"request\":{\"clientId\":\"phone-1\"},\"params\":{\"iotToken\":\"" + token + "\"}}");
        Deliver reply = nextPublish();
        assertThat(reply.to()).isEqualTo(new Address.Identity(app, IdentityKinds.MQTT_CLIENT, "phone-1"));
        assertThat(payloadOf(reply)).isEqualTo("{\"id\":\"b1\",\"code\":200,\"message\":\"success\"}");

        String key = app + "/meter/m1";
        producer.send(new ProducerRecord<>("push.commands.iot", key, "not json")).get();
        producer.send(new ProducerRecord<>("push.commands.iot", key, "{\"type\":\"org.pushplatform.iot.thing.status\",\"data\":{\"app\":\""
            + app + "\",\"productKey\":\"meter\",\"deviceName\":\"m1\",\"params\":{\"value\":\"9\"}}}")).get();
        producer.send(new ProducerRecord<>("push.commands.iot", key, "{\"type\":\"org.pushplatform.iot.thing.status\",\"data\":{\"app\":\""
            + app + "\",\"productKey\":\"meter\",\"deviceName\":\"m1\",\"id\":\"s1\",\"params\":{\"value\":\"3\",\"time\":5}}}")).get();
        Deliver status = nextPublish();
        assertThat(status.to()).isEqualTo(new Address.Identity(app, IdentityKinds.MQTT_CLIENT, "phone-1"));
        assertThat(status.qos()).isEqualTo(1);
        MqttApi.Message message = EnvelopeCodec.mapper().treeToValue(status.args().get(0), MqttApi.Message.class);
        assertThat(message.topic()).isEqualTo("/sys/chan/p1/app/down/thing/status");
        JsonNode sent = EnvelopeCodec.mapper().readTree(payloadOf(status));
        assertThat(sent.get("id").asText()).isEqualTo("s1");
        assertThat(sent.at("/params/status/value").asText()).isEqualTo("3");
        admin().get("/admin/apps/" + app + "/products/meter/devices/m1").then().statusCode(200).body("status", equalTo("3"));

        // an over-long token is refused where it enters, before any lookup
        uplink("phone-1", "/sys/chan/p1/app/up/account/bind",
            "{\"id\":\"b0\",\"request\":{\"clientId\":\"phone-1\"},\"params\":{\"iotToken\":\"" + "t".repeat(129) + "\"}}");
        assertThat(payloadOf(nextPublish())).isEqualTo("{\"id\":\"b0\",\"code\":400,\"message\":\"request malformed\"}");
    }

    @Test
    void theAdminApiRefusesWhatItCannotTake() {
        String base = "/admin/apps/" + app;
        given().post(base + "/products").then().statusCode(401);
        admin().body(Map.of("productKey", "has/slash")).post(base + "/products").then().statusCode(400);
        admin().body(Map.of("productKey", "p")).post(base + "/products").then().statusCode(201);
        admin().body(Map.of("productKey", "p")).post(base + "/products").then().statusCode(409);
        admin().body(Map.of("deviceName", "d")).post(base + "/products/nope/devices").then().statusCode(404);
        admin().body(Map.of("deviceName", "d")).post(base + "/products/p/devices").then().statusCode(201);
        admin().body(Map.of("params", Map.of("value", "1"))).post(base + "/products/p/devices/none/notices/thing.status").then().statusCode(404);
        admin().body(Map.of("params", Map.of("value", "2"))).post(base + "/products/p/devices/d/notices/thing.status").then().statusCode(400);
        admin().body(Map.of("params", Map.of())).post(base + "/products/p/devices/d/notices/thing.nothing").then().statusCode(400);
        admin().body(Map.of("accountId", "a")).post(base + "/accounts").then().statusCode(201);
        admin().body(Map.of("accountId", "a".repeat(129))).post(base + "/accounts").then().statusCode(400);
        admin().body(Map.of("id", "i".repeat(65), "params", Map.of("value", "1"))).post(base + "/products/p/devices/d/notices/thing.status")
            .then().statusCode(400);
        admin().body(Map.of("ttlSeconds", 0)).post(base + "/accounts/a/tokens").then().statusCode(400);
        admin().body(Map.of()).post(base + "/accounts/nobody/tokens").then().statusCode(404);
        admin().put(base + "/accounts/a/devices/p/none").then().statusCode(404);
        // another app sees none of it
        admin().get("/admin/apps/other-" + app + "/products/p").then().statusCode(404);
        admin().put("/admin/apps/other-" + app + "/accounts/a/devices/p/d").then().statusCode(404);
    }

    /** An MQTT client's PUBLISH on a /sys/ topic, as routing hands it on. */
    private void uplink(String clientId, String topic, String json) throws Exception {
        var uplink = new IotApi.Uplink(clientId, topic, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), 1);
        var envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.frame(IotApi.API, IotApi.UPLINK), app, "gw-test", "c1", clientId,
            UUID.randomUUID().toString(), System.currentTimeMillis(), EnvelopeCodec.toJson(uplink));
        producer.send(new ProducerRecord<>("push.in.iot", IotApi.uplinkKey(app, topic), EnvelopeCodec.encode(envelope))).get();
    }

    /** The next MQTT publish of this test's app on push.route. */
    private Deliver nextPublish() {
        long deadline = System.currentTimeMillis() + 30_000;
        List<Deliver> found = new ArrayList<>();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
            route.poll(Duration.ofMillis(200)).forEach(record -> {
                if (DeliveryRecords.payloadOf(EnvelopeCodec.decode(record.value())) instanceof Deliver deliver && app.equals(deliver.to().app())) {
                    found.add(deliver);
                }
            });
        }
        assertThat(found).as("a publish on push.route").hasSize(1);
        return found.get(0);
    }

    private static String payloadOf(Deliver deliver) throws Exception {
        MqttApi.Message message = EnvelopeCodec.mapper().treeToValue(deliver.args().get(0), MqttApi.Message.class);
        return new String(Base64.getDecoder().decode(message.payload()), StandardCharsets.UTF_8);
    }
}
