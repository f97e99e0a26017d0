package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.find;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Other teams' side: publish commands on push.commands, CloudEvents on push.events.messages and .presence. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class KafkaIntegrationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void commandIdsAreEachAppsOwn() {
        // given two apps, each with a subscriber of "orders"
        try (FakeGatewayNode gateway = new FakeGatewayNode(bootstrap);
             KafkaProducer<String, String> otherTeam = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                 new StringSerializer(), new StringSerializer())) {
            String first = newApp();
            String second = newApp();
            String firstSubscriber = subscriber(gateway, first);
            String secondSubscriber = subscriber(gateway, second);

            // when both number their command 1
            for (String appkey : List.of(first, second)) {
                otherTeam.send(new ProducerRecord<>("push.commands", appkey, "{\"type\":\"publish\",\"id\":\"1\",\"appkey\":\""
                    + appkey + "\",\"topic\":\"orders\",\"msg\":\"for " + appkey + "\"}"));
            }
            otherTeam.flush();

            // then each app's subscriber gets its app's message
            assertThat(gateway.awaitEvent(firstSubscriber, "message").args().get(0).get("msg").asText()).isEqualTo("for " + first);
            assertThat(gateway.awaitEvent(secondSubscriber, "message").args().get(0).get("msg").asText()).isEqualTo("for " + second);
        }
    }

    private static String newApp() {
        return given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON)
            .body("{\"name\":\"kafka-" + UUID.randomUUID() + "\"}").post("/admin/apps").then().statusCode(201).extract().path("appkey");
    }

    private static String subscriber(FakeGatewayNode gateway, String appkey) {
        String subscriber = gateway.open();
        gateway.frame(subscriber, "connect_v2", json("appkey", appkey, "customid", "orders-" + appkey));
        gateway.frame(subscriber, "subscribe", json("topic", "orders"));
        gateway.awaitEvent(subscriber, "suback");
        return subscriber;
    }

    @Test
    void aPublishCommandReachesSubscribersAndEveryChangeShowsAsACloudEvent() throws Exception {
        // given an app with a subscriber connected through a gateway node, and another team reading the events
        String appkey = given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON)
            .body("{\"name\":\"kafka-" + UUID.randomUUID() + "\"}").post("/admin/apps").then().statusCode(201).extract().path("appkey");
        try (FakeGatewayNode gateway = new FakeGatewayNode(bootstrap);
             KafkaConsumer<String, String> events = eventsConsumer();
             KafkaProducer<String, String> otherTeam = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                 new StringSerializer(), new StringSerializer())) {
            String subscriber = gateway.open();
            gateway.frame(subscriber, "connect_v2", json("appkey", appkey, "customid", "kafka-sub"));
            gateway.frame(subscriber, "subscribe", json("topic", "orders"));
            find(gateway.awaitEmits(2), subscriber, "suback");

            // when
            otherTeam.send(new ProducerRecord<>("push.commands", appkey, "{\"type\":\"publish\",\"appkey\":\"" + appkey
                + "\",\"topic\":\"orders\",\"msg\":\"from kafka\",\"opts\":{\"messageId\":\"m-1\",\"apn_json\":{\"aps\":{\"alert\":\"shipped\"}}}}"));
            otherTeam.send(new ProducerRecord<>("push.commands", appkey, "{\"type\":\"publish\",\"appkey\":\"nope\",\"topic\":\"t\",\"msg\":\"x\"}"));
            otherTeam.flush();

            // then the subscriber gets it
            assertThat(find(gateway.awaitEmits(1), subscriber, "message").args().get(0).toString())
                .isEqualTo("{\"topic\":\"orders\",\"msg\":\"from kafka\"}");
            // and the message and the subscriber's presence are CloudEvents
            List<JsonNode> seen = awaitEvents(events, appkey, 3);
            JsonNode published = seen.stream().filter(e -> e.get("type").asText().endsWith("message.published")).findFirst().orElseThrow();
            assertThat(published.get("specversion").asText()).isEqualTo("1.0");
            assertThat(published.get("subject").asText()).isEqualTo(appkey + "/orders");
            assertThat(published.get("data").get("msg").asText()).isEqualTo("from kafka");
            assertThat(published.get("data").get("messageId").asText()).isEqualTo("m-1");
            JsonNode online = seen.stream().filter(e -> e.get("type").asText().equals("org.pushplatform.presence.online")).findFirst().orElseThrow();
            assertThat(online.get("data").get("connectionId").asText()).isEqualTo(subscriber);
            // and the push notification it asked for is handed on for the APNs bridge
            JsonNode notification = seen.stream().filter(e -> e.get("type").asText().endsWith("notification.requested")).findFirst().orElseThrow();
            assertThat(notification.get("data").get("apnJson").toString()).isEqualTo("{\"aps\":{\"alert\":\"shipped\"}}");
            assertThat(notification.get("data").get("target").asText()).isEqualTo("orders");
        }
    }

    private KafkaConsumer<String, String> eventsConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "other-team-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("push.events.messages", "push.events.presence", "push.events.notifications"));
        return consumer;
    }

    private static List<JsonNode> awaitEvents(KafkaConsumer<String, String> consumer, String appkey, int count) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (events.size() < count && System.currentTimeMillis() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode event = EnvelopeCodec.mapper().readTree(record.value());
                if (event.path("subject").asText().startsWith(appkey + "/")) {
                    events.add(event);
                }
            }
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(count);
        return events;
    }
}
