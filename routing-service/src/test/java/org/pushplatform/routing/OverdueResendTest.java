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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** A stored message whose record was lost on its way reaches a client that stays connected. */
@QuarkusTest
@TestProfile(OverdueResendTest.ResendSoon.class)
@QuarkusTestResource(KafkaAndPostgresResource.class)
class OverdueResendTest {

    /** Overdue after 2 s, looked for every second. */
    public static class ResendSoon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("push.resend-after", "2s", "push.resend-check", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

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
    void aStoredMessageNotReceiptedIsSentAgainToTheConnectedReceiverUntilItIs() {
        // given a connected receiver whose gateway loses the first write (no receipt comes back)
        String alias = "a" + UUID.randomUUID().toString().substring(0, 8);
        String receiver = connect("receiver-" + UUID.randomUUID());
        gateway.frame(receiver, "set_alias", json("alias", alias));
        gateway.awaitEvent(receiver, "set_alias_ack");
        String publisher = connect("publisher-" + UUID.randomUUID());
        gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", "lost once", "messageId", "1"));
        EmitToConnections first = gateway.awaitEvent(receiver, "message");

        // when the receiver stays connected
        EmitToConnections again = gateway.awaitEvent(receiver, "message");

        // then the same stored message comes again, and once received, no more
        assertThat(again.receiptId()).isEqualTo(first.receiptId());
        assertThat(again.args()).isEqualTo(first.args());
        gateway.receipt(receiver, again.receiptId());
        gateway.awaitEvent(publisher, "recvack");
        assertThat(gateway.pollEmits(5_000)).noneMatch(e -> e.event().equals("message"));
    }

    private String connect(String customid) {
        String connection = gateway.open();
        gateway.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", customid));
        gateway.awaitEvent(connection, "connack");
        return connection;
    }
}
