package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.pushplatform.routing.FakeGatewayNode.json;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** The push-server API's RestServer: XTEA tokens minted by an admin, /push to a TCP alias, /info about aliases. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class PushRestTest extends AnAppAndAGateway {

    private String mint(long ttlSeconds) {
        return given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON)
            .body("{\"ttlSeconds\": " + ttlSeconds + "}").post("/admin/apps/" + appkey + "/push-tokens")
            .then().statusCode(201).body("appkey", equalTo(appkey)).extract().path("token");
    }

    /** A TCP client of the app connected as {@code alias}. */
    private String tcpClient(String alias) {
        String client = gateway.open();
        ObjectNode connect = json("alias", alias).put("t", 14);
        connect.set("gateway", json("transport", "tcp"));
        gateway.pushFrame(client, appkey, "connect", connect);
        assertThat(gateway.awaitEvent(client, "connect_c").args().get(0).get("t").asInt()).isEqualTo(-14);
        return client;
    }

    @Test
    void aPushWithAnAdminsTokenReachesTheAliasAndIsAnsweredLikeDoPush() {
        String token = mint(600);
        String door = tcpClient("door-1");

        given().contentType(ContentType.JSON)
            .body("{\"t\":6, \"method\":\"publish_to_alias\", \"alias\":[\"door-1\"], \"msg\":\"open\", \"num\":\"n1\"}")
            .post("/push/" + token)
            .then().statusCode(200).body("t", equalTo(-6)).body("num", equalTo("n1"));

        JsonNode pushed = gateway.awaitEvent(door, "push").args().get(0);
        assertThat(pushed.get("t").asInt()).isEqualTo(5);
        assertThat(pushed.get("alias").asText()).isEqualTo("door-1");
        assertThat(pushed.get("msg").asText()).isEqualTo("open");
    }

    @Test
    void aForgedAnExpiredOrAnotherAppsTokenGetsTheSeedsErrorShape() throws Exception {
        String token = mint(1);
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("00") ? "11" : "00");
        Thread.sleep(2100);
        String body = "{\"t\":6, \"method\":\"publish\", \"topic\":[\"c\"], \"msg\":\"m\", \"num\":7}";

        given().contentType(ContentType.JSON).body(body).post("/push/" + forged)
            .then().statusCode(401).body("t", equalTo(0)).body("error", equalTo("invalid token")).body("num", equalTo(7));
        given().contentType(ContentType.JSON).body(body).post("/push/" + token)
            .then().statusCode(401).body("t", equalTo(0)).body("error", equalTo("token expired"));
        given().get("/info/allChannelAlias/1/not-a-token").then().statusCode(401).body("t", equalTo(0));
    }

    @Test
    void aBadPushBodyIsRefusedWithWhy() {
        String token = mint(600);
        given().contentType(ContentType.JSON)
            .body("{\"t\":6, \"method\":\"publish\", \"topic\":[\"c\"], \"msg\":\"" + "x".repeat(70_000) + "\"}")
            .post("/push/" + token)
            .then().statusCode(400).body("error", equalTo("msg must be at most 65536 bytes"));
        given().contentType(ContentType.JSON).body("{\"t\":6, \"method\":\"shout\", \"num\":\"x\"}").post("/push/" + token)
            .then().statusCode(400).body("t", equalTo(0)).body("error", equalTo("method must be publish or publish_to_alias"))
            .body("num", equalTo("x"));
    }

    @Test
    void infoTellsAnAliasesStateAndChannelsAndListsTheAliasesOnlineOverTcp() {
        String token = mint(600);
        String door = tcpClient("door-2");
        ObjectNode register = json("num", "r").put("t", 2);
        register.set("topic", EnvelopeCodec.mapper().createArrayNode().add("building-7"));
        gateway.pushFrame(door, appkey, "register", register);
        gateway.awaitEvent(door, "register_c");

        given().get("/info/status/door-2/" + token).then().statusCode(200)
            .body("status", equalTo("online")).body("list", contains("building-7"));
        given().get("/info/status/nobody/" + token).then().statusCode(200).body("status", equalTo("offline"));
        given().get("/info/allChannelAlias/1/" + token).then().statusCode(200).body("total", equalTo(1)).body("list", contains("door-2"));
        given().get("/info/allSocketIOAlias/1/" + token).then().statusCode(200).body("total", equalTo(0));
        given().get("/info/allChannelAlias/0/" + token).then().statusCode(400).body("t", equalTo(0));

        gateway.close(door);
    }

    @Test
    void infoCountsEachGatewayHostsConnectionsServersNamesTheLeastLoadedAndType7AddsThemUp() {
        String token = mint(600);
        try (FakeGatewayNode other = new FakeGatewayNode(bootstrap)) {
            gateway.heartbeat(new GatewayHeartbeat("boot-a", 60_000, 6, 1, false, "10.0.0.215",
                Map.of("http", 9000, "socketio.push", 9906, "tcp.push", 9800, "socketio.pubsub", 3000),
                Map.of("push/tcp", 2, "push/socketio", 1, "pubsub/socketio", 3)));
            other.heartbeat(new GatewayHeartbeat("boot-b", 60_000, 1, 1, false, "10.0.0.214",
                Map.of("http", 9001, "socketio.push", 9907, "tcp.push", 9801), Map.of("push/intercom-call", 1)));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/info/" + token).then().statusCode(200)
                .body("'10.0.0.215'.channelSize", equalTo(2)).body("'10.0.0.215'.socketIOSize", equalTo(4))
                .body("'10.0.0.215'.onlineAllSize", equalTo(6)).body("'10.0.0.215'.webSocketSize", equalTo(0))
                .body("'10.0.0.214'.webSocketSize", equalTo(1)));
            given().get("/info/servers/" + token).then().statusCode(200)
                .body("host", equalTo("10.0.0.214")).body("service.webSocket", equalTo(9001))
                .body("service.socket", equalTo(9907)).body("service.push", equalTo(9801));

            String client = gateway.open();
            gateway.pushFrame(client, appkey, "info", json("t", "7"));
            JsonNode totals = gateway.awaitEvent(client, "info_c").args().get(0);
            assertThat(totals.get("channelSize").asInt()).isEqualTo(2);
            assertThat(totals.get("Many2ManySize").asInt()).isEqualTo(1);
            assertThat(totals.get("One2OneSize").asInt()).isEqualTo(1);
            assertThat(totals.get("One2ManySize").asInt()).isEqualTo(0);

            // a node that says farewell is no longer offered
            other.heartbeat(new GatewayHeartbeat("boot-b", 60_000, 0, 1, true));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/info/servers/" + token).then()
                .statusCode(200).body("host", equalTo("10.0.0.215")));
        }
    }
}
