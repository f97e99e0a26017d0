package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.routing.pubsub.InvalidFrameException;
import org.pushplatform.routing.pubsub.PublishRequest;

/** The seed's publish options: defaults per event, limits, and when a push notification is asked for. */
class PublishRequestTest {

    @Test
    void publishSendsTheDefaultNotificationAndKeepsTopicMessagesThreeDays() {
        PublishRequest request = PublishRequest.toTopic(json("{\"topic\":\"t\",\"msg\":\"hello\"}"), false);

        assertThat(request.qos()).isEqualTo(1);
        assertThat(request.ttlSeconds()).isEqualTo(3 * 86400);
        assertThat(request.apnJson().toString()).isEqualTo("{\"aps\":{\"alert\":\"hello\"}}");
    }

    @Test
    void publish2SendsANotificationOnlyWhenGivenOneAndKeepsAliasMessagesFiveDays() {
        PublishRequest plain = PublishRequest.toAlias(json("{\"alias\":\"bob\",\"msg\":\"m\"}"), true);
        PublishRequest withApn = PublishRequest.toAlias(json(
            "{\"alias\":\"bob\",\"msg\":\"m\",\"opts\":{\"qos\":2,\"time_to_live\":60,\"apn_json\":{\"aps\":{\"badge\":3}}}}"), true);

        assertThat(plain.apnJson()).isNull();
        assertThat(plain.ttlSeconds()).isEqualTo(5 * 86400);
        assertThat(withApn.apnJson().toString()).isEqualTo("{\"aps\":{\"badge\":3}}");
        assertThat(withApn.ttlSeconds()).isEqualTo(60);
        assertThat(withApn.qos()).isEqualTo(2);
    }

    @Test
    void nobodyButThePlatformPublishesToAPresenceChannel() {
        assertThatThrownBy(() -> PublishRequest.toTopic(json("{\"topic\":\"room/p\",\"msg\":{\"action\":\"join\",\"alias\":\"fake\"}}"), false))
            .isInstanceOf(InvalidFrameException.class).hasMessageContaining("presence channel");
        assertThat(PublishRequest.toTopic(json("{\"topic\":\"room/pp\",\"msg\":\"m\"}"), false).target()).isEqualTo("room/pp");
    }

    @Test
    void timeToLiveBeyondFifteenDaysAndANonObjectApnAreRefused() {
        assertThatThrownBy(() -> PublishRequest.toTopic(json("{\"topic\":\"t\",\"msg\":\"m\",\"opts\":{\"time_to_live\":1296001}}"), true))
            .isInstanceOf(InvalidFrameException.class).hasMessageContaining("time_to_live");
        assertThatThrownBy(() -> PublishRequest.toTopic(json("{\"topic\":\"t\",\"msg\":\"m\",\"opts\":{\"apn_json\":\"x\"}}"), true))
            .isInstanceOf(InvalidFrameException.class).hasMessageContaining("apn_json");
    }

    private static JsonNode json(String text) {
        try {
            return EnvelopeCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
