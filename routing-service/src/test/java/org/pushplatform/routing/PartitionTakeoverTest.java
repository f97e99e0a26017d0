package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

/** A partition's new owner knows its sessions' connections from PostgreSQL, not from having seen them connect. */
@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class PartitionTakeoverTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ConnectionRegistry connections;

    @Test
    void aConnectionBoundBeforeTheTakeoverKeepsWorkingAndReceiving() {
        try (FakeGatewayNode gateway = new FakeGatewayNode(bootstrap)) {
            // given a connected session with an alias
            String alias = "t" + UUID.randomUUID().toString().substring(0, 8);
            String connection = gateway.open();
            gateway.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", alias));
            gateway.frame(connection, "set_alias", json("alias", alias));
            gateway.awaitEvent(connection, "set_alias_ack");

            // when this instance's memory of it is gone, as on an instance that has just been given the partition
            connections.forget(IntStream.range(0, 64).boxed().toList());

            // then its next frame is still its own, and messages still reach it
            gateway.frame(connection, "get_alias", null);
            assertThat(gateway.awaitEvent(connection, "alias").args().get(0).get("alias").asText()).isEqualTo(alias);
            String publisher = gateway.open();
            gateway.frame(publisher, "connect_v2", json("appkey", DEMO_APPKEY, "customid", "p-" + alias));
            gateway.awaitEvent(publisher, "connack");
            gateway.frame(publisher, "publish_to_alias", json("alias", alias, "msg", "after the takeover"));
            assertThat(gateway.awaitEvent(connection, "message").args().get(0).get("msg").asText()).isEqualTo("after the takeover");
        }
    }

    @Test
    void connectionsOfAGatewayRunThatEndedShowOfflineWhenTheNodeComesBackWithANewRun() throws InterruptedException {
        try (FakeGatewayNode restarting = new FakeGatewayNode(bootstrap); FakeGatewayNode other = new FakeGatewayNode(bootstrap)) {
            // given a session connected through a node routing has heard in its first run, and an asker elsewhere
            restarting.heartbeat("run-1");
            Thread.sleep(1500);
            String alias = "r" + UUID.randomUUID().toString().substring(0, 8);
            String connection = restarting.open();
            restarting.frame(connection, "connect_v2", json("appkey", DEMO_APPKEY, "customid", alias));
            restarting.frame(connection, "set_alias", json("alias", alias));
            restarting.awaitEvent(connection, "set_alias_ack");
            String asker = other.open();
            other.frame(asker, "connect_v2", json("appkey", DEMO_APPKEY, "customid", "asker-" + alias));
            other.awaitEvent(asker, "connack");
            assertThat(stateOf(other, asker, alias)).isEqualTo("online");

            // when the node restarts (a new run) without having said goodbye for its clients
            restarting.heartbeat("run-2");

            // then that client is offline
            String state = "online";
            for (int i = 0; i < 50 && state.equals("online"); i++) {
                Thread.sleep(200);
                state = stateOf(other, asker, alias);
            }
            assertThat(state).isEqualTo("offline");
        }
    }

    private static String stateOf(FakeGatewayNode gateway, String asker, String alias) {
        gateway.frame(asker, "get_state", json("alias", alias));
        JsonNode reply = gateway.awaitEvent(asker, "get_state_ack").args().get(0);
        assertThat(reply.get("success").asBoolean()).as(reply.toString()).isTrue();
        return reply.get("data").asText();
    }
}
