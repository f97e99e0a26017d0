package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.pushplatform.routing.FakeGatewayNode.json;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Per-app quotas of connections and stored messages, set over the admin API, seen by clients and REST callers. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class AppQuotaTest extends AnAppAndAGateway {

    private void setQuotas(String body) {
        given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON).body(body)
            .put("/admin/apps/" + appkey + "/quotas").then().statusCode(200);
    }

    private boolean connects(String client, String customid) {
        gateway.frame(client, "connect_v2", json("appkey", appkey, "customid", customid));
        var connack = gateway.awaitEvent(client, "connack").args().get(0);
        return connack.get("success").asBoolean();
    }

    private boolean connectsWithin(long ms, String customid) {
        long deadline = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < deadline) {
            if (connects(gateway.open(), customid)) {
                return true;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void theAdminApiShowsAndSetsAnAppsQuotas() {
        given().header("Authorization", AppResourceTest.ADMIN).get("/admin/apps/" + appkey + "/quotas")
            .then().statusCode(200).body("maxConnections", equalTo(100000)).body("maxStoredMessages", equalTo(1000000));

        given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON).body("{\"maxConnections\": 7}")
            .put("/admin/apps/" + appkey + "/quotas")
            .then().statusCode(200).body("maxConnections", equalTo(7)).body("maxStoredMessages", equalTo(1000000));
        given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON).body("{\"maxConnections\": -1}")
            .put("/admin/apps/" + appkey + "/quotas")
            .then().statusCode(400).body("success", equalTo(false)).body("error_msg", containsString("maxConnections"));
    }

    @Test
    void anAppAtItsConnectionQuotaRefusesTheNextConnectWithTheReason() {
        setQuotas("{\"maxConnections\": 2}");
        assertThat(connects(gateway.open(), "a")).isTrue();
        String second = gateway.open();
        assertThat(connects(second, "b")).isTrue();

        String third = gateway.open();
        gateway.frame(third, "connect_v2", json("appkey", appkey, "customid", "c"));
        var refused = gateway.awaitEvent(third, "connack").args().get(0);
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("error_msg").asText()).isEqualTo("too many connections: this app allows at most 2");

        // one leaves: there is room again once usage is counted anew
        gateway.close(second);
        assertThat(connectsWithin(15_000, "d")).isTrue();
    }

    @Test
    void anAppAtItsStoredMessageQuotaRefusesStoredPublishesButNotQos0() {
        // given an offline subscriber, so that every QoS 1 publish stays stored
        offlineSubscriberOf("news");
        setQuotas("{\"maxStoredMessages\": 2}");

        // when three stored messages are published
        for (int i = 0; i < 2; i++) {
            given().header("X-App-Secret", secret).contentType(ContentType.JSON)
                .body("{\"topic\":\"news\",\"msg\":\"m" + i + "\",\"opts\":{\"qos\":1}}").post("/api/v1/apps/" + appkey + "/publish")
                .then().statusCode(200).body("success", equalTo(true));
        }

        // then the third is refused with the reason, over REST and from a client, while QoS 0 goes on
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"m2\",\"opts\":{\"qos\":1}}").post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(429).body("success", equalTo(false))
            .body("error_msg", equalTo("stored message quota reached: this app may keep at most 2 messages"));
        String publisher = gateway.open();
        connects(publisher, "publisher");
        gateway.frame(publisher, "publish", json("topic", "news", "msg", "m3").put("qos", 1));
        var puback = gateway.awaitEvent(publisher, "puback").args().get(0);
        assertThat(puback.get("success").asBoolean()).isFalse();
        assertThat(puback.get("error_msg").asText()).startsWith("stored message quota reached");
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"live\",\"opts\":{\"qos\":0}}").post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(200).body("success", equalTo(true));
    }

    @Test
    void messagesTheirReceiversHaveReceivedUseNoQuota() throws Exception {
        // given an online subscriber and room for two stored messages
        String subscriber = gateway.open();
        connects(subscriber, "online-reader");
        gateway.frame(subscriber, "subscribe", json("topic", "live-news"));
        gateway.awaitEvent(subscriber, "suback");
        setQuotas("{\"maxStoredMessages\": 2}");

        // when it receives six QoS 1 messages, two at a time, each pair after usage was counted anew (every second here)
        for (int i = 0; i < 6; i++) {
            given().header("X-App-Secret", secret).contentType(ContentType.JSON)
                .body("{\"topic\":\"live-news\",\"msg\":\"m" + i + "\",\"opts\":{\"qos\":1}}")
                .post("/api/v1/apps/" + appkey + "/publish")
                .then().statusCode(200).body("success", equalTo(true));
            gateway.receipt(subscriber, gateway.awaitEvent(subscriber, "message").receiptId());
            if (i % 2 == 1) {
                Thread.sleep(2500);
            }
        }

        // then nothing is kept for it, and the admin API says so
        given().header("Authorization", AppResourceTest.ADMIN).get("/admin/apps/" + appkey + "/quotas")
            .then().statusCode(200).body("used.storedMessages", equalTo(0)).body("used.storedBytes", equalTo(0));
    }

    /** A session subscribed to the topic and gone: what is published there at QoS 1 is stored for it. */
    private void offlineSubscriberOf(String topic) {
        String subscriber = gateway.open();
        connects(subscriber, "offline-" + topic);
        gateway.frame(subscriber, "subscribe", json("topic", topic));
        gateway.awaitEvent(subscriber, "suback");
        gateway.close(subscriber);
    }

    @Test
    void aStoredMessageNobodyIsThereToReceiveIsNotStoredAndUsesNoQuota() {
        setQuotas("{\"maxStoredMessages\": 1}");
        for (int i = 0; i < 3; i++) {
            given().header("X-App-Secret", secret).contentType(ContentType.JSON)
                .body("{\"topic\":\"nobody-here\",\"msg\":\"m\",\"opts\":{\"qos\":1}}").post("/api/v1/apps/" + appkey + "/publish")
                .then().statusCode(200).body("targets", equalTo(0));
        }
    }

    @Test
    void anAppAtItsStoredByteQuotaRefusesAMessageThatWouldPassIt() {
        offlineSubscriberOf("news");
        setQuotas("{\"maxStoredBytes\": 1000}");
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"" + "x".repeat(2000) + "\",\"opts\":{\"qos\":1}}")
            .post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(429).body("error_msg", equalTo("stored message quota reached: this app may keep at most 1000 bytes"));
        given().header("X-App-Secret", secret).contentType(ContentType.JSON)
            .body("{\"topic\":\"news\",\"msg\":\"small\",\"opts\":{\"qos\":1}}").post("/api/v1/apps/" + appkey + "/publish")
            .then().statusCode(200);
    }
}
