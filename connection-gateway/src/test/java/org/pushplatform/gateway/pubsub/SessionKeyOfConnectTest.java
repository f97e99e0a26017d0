package org.pushplatform.gateway.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;

/** The Kafka key of a connection's frames once it said which session it is. */
class SessionKeyOfConnectTest {

    @Test
    void aSessionIsKeyedByAppkeyAndCustomid() {
        JsonNode frame = SessionKeyOfConnect.withCustomid(json("{\"appkey\":\"app1\",\"customid\":\"user1\"}"));

        assertThat(SessionKeyOfConnect.of(frame)).isEqualTo("app1/user1");
    }

    @Test
    void aFrameWithoutCustomidGetsAFreshOneSoItsOneOffSessionHasAKey() {
        JsonNode first = SessionKeyOfConnect.withCustomid(json("{\"appkey\":\"app1\"}"));
        JsonNode second = SessionKeyOfConnect.withCustomid(json("{\"appkey\":\"app1\"}"));

        assertThat(first.get("customid").asText()).isNotBlank();
        assertThat(SessionKeyOfConnect.of(first)).isNotEqualTo(SessionKeyOfConnect.of(second));
    }

    @Test
    void aFrameThatNamesNoSessionHasNoKeyAndIsLeftForRoutingToRefuse() {
        assertThat(SessionKeyOfConnect.of(SessionKeyOfConnect.withCustomid(json("\"not an object\"")))).isNull();
        assertThat(SessionKeyOfConnect.of(json("{\"appkey\":12,\"customid\":\"u\"}"))).isNull();
    }

    private static JsonNode json(String text) {
        try {
            return EnvelopeCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
