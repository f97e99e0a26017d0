package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.pushplatform.routing.FakeGatewayNode.find;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.SessionKeys;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** The app-secret REST API: publishing and queries from outside, against real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class PubsubResourceTest extends AnAppAndAGateway {

    @Test
    void aRestPublishReachesAConnectedSubscriberAndAnswersLikePuback() {
        // given a subscriber connected through a gateway node, and an aliased client
        String subscriber = gateway.open();
        gateway.frame(subscriber, "connect_v2", json("appkey", appkey, "customid", "sub"));
        gateway.frame(subscriber, "subscribe", json("topic", "news"));
        gateway.frame(subscriber, "set_alias", json("alias", "alice"));
        find(gateway.awaitEmits(3), subscriber, "set_alias_ack");

        // when
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"from REST\",\"opts\":{\"qos\":1,\"messageId\":\"77\"}}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(200).body("success", equalTo(true)).body("messageId", equalTo("77")).body("targets", equalTo(1));
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"aliases\":[\"alice\",\"nobody\"],\"msg\":\"to alice\"}")
            .post("/api/v1/apps/" + appkey + "/publish_to_alias")
            .then().statusCode(200).body("messageId", matchesPattern("\\d+")).body("targets", equalTo(1));

        // then
        var out = gateway.awaitEmits(2);
        assertThat(out).extracting(e -> e.args().get(0).toString())
            .contains("{\"topic\":\"news\",\"msg\":\"from REST\"}", "{\"topic\":\"alice\",\"msg\":\"to alice\"}");
        given().header("X-App-Secret", secret).get("/api/v1/apps/" + appkey + "/aliases/alice/state")
            .then().statusCode(200).body("data", equalTo("online"));
        given().header("X-App-Secret", secret).get("/api/v1/apps/" + appkey + "/topics/news/aliases")
            .then().statusCode(200).body("data.alias[0]", equalTo("alice")).body("data.occupancy", equalTo(1));
        given().header("X-App-Secret", secret).get("/api/v1/apps/" + appkey + "/aliases/alice/topics")
            .then().statusCode(200).body("data.topics[0]", equalTo("news"));
    }

    @Test
    void aQos2RestPublishToTwoAliasesReachesBoth() {
        // given two clients with aliases
        String alice = gateway.open();
        gateway.frame(alice, "connect_v2", json("appkey", appkey, "customid", "alice-device"));
        gateway.frame(alice, "set_alias", json("alias", "alice"));
        String bob = gateway.open();
        gateway.frame(bob, "connect_v2", json("appkey", appkey, "customid", "bob-device"));
        gateway.frame(bob, "set_alias", json("alias", "bob"));
        gateway.awaitEvent(alice, "set_alias_ack");
        gateway.awaitEvent(bob, "set_alias_ack");

        // when one QoS 2 publish names both
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"aliases\":[\"alice\",\"bob\"],\"msg\":\"to both\",\"opts\":{\"qos\":2,\"messageId\":\"q2-1\"}}")
            .post("/api/v1/apps/" + appkey + "/publish_to_alias")
            .then().statusCode(200).body("success", equalTo(true)).body("targets", equalTo(2));

        // then each alias gets it
        assertThat(gateway.awaitEvent(alice, "message").args().get(0).toString()).isEqualTo("{\"topic\":\"alice\",\"msg\":\"to both\"}");
        assertThat(gateway.awaitEvent(bob, "message").args().get(0).toString()).isEqualTo("{\"topic\":\"bob\",\"msg\":\"to both\"}");
    }

    @Test
    void sessionsOpenedWithoutACustomidExpireSoonAfterTheyLeaveWithTheirSubscriptions() throws Exception {
        // given 30 clients that connect without customid (their gateway makes one up and says so), subscribe and leave
        for (int i = 0; i < 30; i++) {
            String passer = gateway.open();
            ObjectNode connect = json("appkey", appkey, "customid", UUID.randomUUID().toString());
            connect.put(SessionKeys.GENERATED_CUSTOMID, true);
            gateway.frame(passer, "connect_v2", connect);
            gateway.frame(passer, "subscribe", json("topic", "busy"));
            gateway.awaitEvent(passer, "suback");
            gateway.close(passer);
        }
        // and a named subscriber that leaves too
        String named = gateway.open();
        gateway.frame(named, "connect_v2", json("appkey", appkey, "customid", "kept"));
        gateway.frame(named, "subscribe", json("topic", "busy"));
        gateway.awaitEvent(named, "suback");
        gateway.close(named);

        // when their expiry (2 s in tests) has passed and the sweeper (every second) has run
        Thread.sleep(4500);

        // then a stored publish to the topic is for the named session only
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"busy\",\"msg\":\"anyone?\",\"opts\":{\"qos\":1}}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(200).body("targets", equalTo(1));
    }

    @Test
    void aBodyLargerThanAnyFrameAClientMaySendIsRefused() {
        String huge = "x".repeat(300 * 1024);
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"" + huge + "\"}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(413);
    }

    @Test
    void aSessionSubscribesToAtMostTheQuotaOfTopicsAndIsToldWhy() {
        // given a session holding the most subscriptions one may (5 in tests)
        String client = gateway.open();
        gateway.frame(client, "connect_v2", json("appkey", appkey, "customid", "collector"));
        for (int i = 0; i < 5; i++) {
            gateway.frame(client, "subscribe", json("topic", "t" + i));
            assertThat(gateway.awaitEvent(client, "suback").args().get(0).get("success").asBoolean()).isTrue();
        }

        // when it asks for one more, and for one it has
        gateway.frame(client, "subscribe", json("topic", "one-too-many"));
        var refused = gateway.awaitEvent(client, "suback").args().get(0);
        gateway.frame(client, "subscribe", json("topic", "t0"));
        var again = gateway.awaitEvent(client, "suback").args().get(0);

        // then the new one is refused with the reason, the one it has is fine
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("error_msg").asText()).contains("at most 5");
        assertThat(again.get("success").asBoolean()).isTrue();
    }

    @Test
    void aWrongSecretOrABadBodyGetsAClearError() {
        given().header("X-App-Secret", "wrong").contentType(ContentType.JSON).body("{\"topic\":\"t\",\"msg\":\"m\"}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(401).body("success", equalTo(false)).body("error_msg", equalTo("unknown appkey or wrong secret"));
        given().header("X-App-Secret", secret).contentType(ContentType.JSON).body("{\"msg\":\"m\"}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(400).body("error_msg", equalTo("topic is required"));
        given().header("X-App-Secret", secret).get("/api/v1/apps/" + appkey + "/aliases/nobody/state")
            .then().statusCode(200).body("data", equalTo("offline"));
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().header("Authorization", AppResourceTest.ADMIN).get("/q/openapi").then().statusCode(200)
            .body(org.hamcrest.Matchers.containsString("/api/v1/apps/{appkey}/publish_to_alias"));
    }
}
