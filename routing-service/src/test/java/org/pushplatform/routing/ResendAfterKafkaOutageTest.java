package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.routing.presence.HeartbeatsResumed;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/**
 * A stored message lost on its way while Kafka was away reaches a client that stayed connected within seconds of
 * Kafka's return, not a whole {@code resend-after} (30 s) later.
 */
@QuarkusTest
@TestProfile(ResendAfterKafkaOutageTest.CheckEverySecond.class)
@QuarkusTestResource(KafkaAndPostgresResource.class)
class ResendAfterKafkaOutageTest {

    /**
     * Liveness checked every second: what is not received two seconds after Kafka's return is sent again. The
     * regular resend is put out of the test's reach.
     */
    public static class CheckEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("push.liveness-check", "1s", "push.resend-after", "10m");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Event<HeartbeatsResumed> heartbeatsResumed;

    FakeGatewayNode gateway;

    @BeforeEach
    void start() {
        gateway = new FakeGatewayNode(bootstrap);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void whatWasNotReceivedWhenKafkaCameBackIsSentAgainAtOnce() {
        // given a connected receiver whose gateway lost a stored message (no receipt came back)
        String alias = "k" + UUID.randomUUID().toString().substring(0, 8);
        String receiver = connect("receiver-" + UUID.randomUUID());
        gateway.frame(receiver, "set_alias", json("alias", alias));
        gateway.awaitEvent(receiver, "set_alias_ack");
        String publisher = connect("publisher-" + UUID.randomUUID());
        gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", "lost in the outage", "messageId", "1"));
        EmitToConnections lost = gateway.awaitEvent(receiver, "message");

        // when routing reads its heartbeats again after Kafka was away
        heartbeatsResumed.fireAsync(new HeartbeatsResumed(4_000));

        // then the message comes again (the regular resend is ten minutes away), and once received, no more
        EmitToConnections again = gateway.awaitEvent(receiver, "message");
        assertThat(again.receiptId()).isEqualTo(lost.receiptId());
        gateway.receipt(receiver, again.receiptId());
        gateway.awaitEvent(publisher, "recvack");
    }

    private String connect(String customid) {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", customid));
        gateway.awaitEvent(connection, "connack");
        return connection;
    }
}
