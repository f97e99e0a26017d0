package org.pushplatform.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** An app may require connect_v2 to be signed with its secret: knowing the appkey is then not enough to take a session. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class SignedConnectTest extends AnAppAndAGateway {

    /** What an app's backend computes for its client: hex HMAC-SHA256 of "appkey:customid:expires" with the app's secret. */
    static String sign(String secret, String appkey, String customid, long expires) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((appkey + ":" + customid + ":" + expires).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode connack(ObjectNode connect) {
        String client = gateway.open();
        gateway.frame(client, "connect_v2", connect);
        return gateway.awaitEvent(client, "connack").args().get(0);
    }

    private void requireSignedConnect(boolean required) {
        given().header("Authorization", AppResourceTest.ADMIN).contentType(ContentType.JSON).body("{\"required\": " + required + "}")
            .put("/admin/apps/" + appkey + "/signed-connect")
            .then().statusCode(200).body("signedConnect", equalTo(required));
    }

    @Test
    void anAppThatRequiresItRefusesAnUnsignedConnectAndTakesASignedOne() throws Exception {
        assertThat(connack(json("appkey", appkey, "customid", "alice")).get("success").asBoolean()).isTrue();
        requireSignedConnect(true);
        long expires = System.currentTimeMillis() / 1000 + 300;

        JsonNode unsigned = connack(json("appkey", appkey, "customid", "alice"));
        JsonNode signed = connack(json("appkey", appkey, "customid", "alice", "sign", sign(secret, appkey, "alice", expires))
            .put("expires", expires));

        assertThat(unsigned.get("success").asBoolean()).isFalse();
        assertThat(unsigned.get("error_msg").asText()).isEqualTo("this app requires a signed connect_v2: customid, expires and sign");
        assertThat(signed.get("success").asBoolean()).isTrue();
    }

    @Test
    void aSignatureForAnotherSessionAnExpiredOneOrAForgedOneIsRefused() throws Exception {
        requireSignedConnect(true);
        long expires = System.currentTimeMillis() / 1000 + 300;
        long past = System.currentTimeMillis() / 1000 - 1;

        JsonNode otherSession = connack(json("appkey", appkey, "customid", "mallory", "sign", sign(secret, appkey, "alice", expires))
            .put("expires", expires));
        JsonNode expired = connack(json("appkey", appkey, "customid", "alice", "sign", sign(secret, appkey, "alice", past))
            .put("expires", past));
        JsonNode forged = connack(json("appkey", appkey, "customid", "alice", "sign", sign("not-the-secret", appkey, "alice", expires))
            .put("expires", expires));
        JsonNode anonymous = connack(json("appkey", appkey));

        assertThat(otherSession.get("error_msg").asText()).isEqualTo("bad signature");
        assertThat(expired.get("error_msg").asText()).isEqualTo("signature expired");
        assertThat(forged.get("error_msg").asText()).isEqualTo("bad signature");
        assertThat(anonymous.get("success").asBoolean()).isFalse();
    }

    @Test
    void turnedOffAgainTheSeedsUnsignedConnectWorks() {
        requireSignedConnect(true);
        requireSignedConnect(false);
        assertThat(connack(json("appkey", appkey, "customid", "bob")).get("success").asBoolean()).isTrue();
    }
}
