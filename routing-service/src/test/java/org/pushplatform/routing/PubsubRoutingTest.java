package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.find;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** Routing as gateways see it: envelopes in on push.in.routing, deliveries out on push.gw.<node>, real Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class PubsubRoutingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    FakeGatewayNode gateway;

    @BeforeEach
    void startFakeGateway() {
        gateway = new FakeGatewayNode(bootstrap);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void subscriberOnAnotherConnectionReceivesWhatIsPublished() {
        // given
        String subscriber = gateway.open();
        String publisher = gateway.open();
        gateway.frame(subscriber, "connect_v2", json("appkey", DEMO_APPKEY, "customid", "sub-" + UUID.randomUUID()));
        gateway.frame(publisher, "connect_v2", json("appkey", DEMO_APPKEY, "customid", "pub-" + UUID.randomUUID()));
        gateway.frame(subscriber, "subscribe", json("topic", "news", "messageId", "5"));
        // frames of different connections may be handled in any order: publish once the subscription is acked
        List<EmitToConnections> setup = gateway.awaitEmits(3);
        assertThat(find(setup, subscriber, "connack").args().get(0).get("success").asBoolean()).isTrue();
        assertThat(find(setup, subscriber, "suback").args()).extracting(JsonNode::toString)
            .containsExactly("{\"success\":true}", "{\"topic\":\"news\"}", "{\"messageId\":\"5\"}");

        // when
        gateway.frame(publisher, "publish", json("topic", "news", "msg", "hello", "messageId", "99"));

        // then
        List<EmitToConnections> out = gateway.awaitEmits(2);
        assertThat(find(out, subscriber, "message").args().get(0).toString()).isEqualTo("{\"topic\":\"news\",\"msg\":\"hello\"}");
        assertThat(find(out, publisher, "puback").args().get(0).toString()).isEqualTo("{\"success\":true,\"messageId\":\"99\"}");
    }

    @Test
    void unknownAppkeyIsRefused() {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", "nope", "customid", "x"));

        EmitToConnections connack = find(gateway.awaitEmits(1), connection, "connack");
        assertThat(connack.args().get(0).get("success").asBoolean()).isFalse();
        assertThat(connack.args().get(0).get("error_msg").asText()).isEqualTo("unknown appkey");
    }

    @Test
    void frameBeforeConnectGetsTheFailureReplyOfItsEvent() {
        String connection = gateway.open();
        gateway.frame(connection, "subscribe", json("topic", "t", "messageId", "1"));

        EmitToConnections suback = find(gateway.awaitEmits(1), connection, "suback");
        assertThat(suback.args().get(0).get("success").asBoolean()).isFalse();
        assertThat(suback.args().get(1).get("topic").asText()).isEqualTo("t");
    }
}
