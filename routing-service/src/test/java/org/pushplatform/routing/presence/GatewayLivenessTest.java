package org.pushplatform.routing.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pushplatform.contract.GatewayHeartbeat;

class GatewayLivenessTest {

    private final ConnectionRegistry connections = new ConnectionRegistry(new PresenceListener() {
        @Override
        public void online(ClientConnection connection, boolean sessionCameOnline) {
        }

        @Override
        public void offline(ClientConnection connection, boolean sessionWentOffline) {
        }
    });
    private final GatewayLiveness liveness = new GatewayLiveness(connections);

    @Test
    void aNodeSilentForThreeIntervalsLosesItsConnections() {
        // given a node that beat once and holds a connection, and another that keeps beating
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1));
        liveness.heard("gw-2", new GatewayHeartbeat("boot-b", 1000, 1));
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0));
        connections.bind(new ClientConnection("c-2", "gw-2", "app", "s-2", 0));

        // when 3.5 intervals pass with gw-2 still beating
        long now = System.currentTimeMillis();
        liveness.heard("gw-2", new GatewayHeartbeat("boot-b", 1000, 1), now + 3000);
        liveness.expireSilentNodes(now + 3500);

        // then gw-1's connections are gone, so its sessions show offline, and gw-2's are kept
        assertThat(connections.connectionsOf("s-1")).isEmpty();
        assertThat(liveness.isAlive("gw-1")).isFalse();
        assertThat(connections.find("c-2")).isPresent();
    }

    @Test
    void aNodeThatRestartedLosesTheConnectionsOfItsPreviousRun() {
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1));
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0));

        liveness.heard("gw-1", new GatewayHeartbeat("boot-b", 1000, 0));

        assertThat(connections.find("c-1")).isEmpty();
        assertThat(liveness.isAlive("gw-1")).isTrue();
    }

    @Test
    void aNodeThatKeepsBeatingKeepsItsConnections() {
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1));
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0));

        liveness.expireSilentNodes(System.currentTimeMillis() + 2000);

        assertThat(connections.find("c-1")).isPresent();
    }
}
