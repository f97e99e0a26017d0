package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pushplatform.routing.FakeGatewayNode.DEMO_APPKEY;
import static org.pushplatform.routing.FakeGatewayNode.json;

import java.util.UUID;
import java.util.stream.IntStream;

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
}
