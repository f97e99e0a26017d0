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
    private final GatewayLiveness liveness = new GatewayLiveness(connections, 15_000);

    @Test
    void aNodeSilentForThreeIntervalsLosesItsConnections() {
        // given a node that beat once and holds a connection, and another that keeps beating
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1));
        liveness.heard("gw-2", new GatewayHeartbeat("boot-b", 1000, 1));
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));
        connections.bind(new ClientConnection("c-2", "gw-2", "app", "s-2", 0, "pubsub"));

        // when 3.5 intervals pass with gw-2 still beating, and Kafka working (the probe comes back)
        long now = System.currentTimeMillis();
        liveness.heard("gw-2", new GatewayHeartbeat("boot-b", 1000, 1), now + 3000);
        liveness.ownProbeHeard(now + 3000);
        liveness.expireSilentNodes(now + 3500);

        // then gw-1's connections are gone, so its sessions show offline, and gw-2's are kept
        assertThat(connections.connectionsOf("s-1")).isEmpty();
        assertThat(liveness.isAlive("gw-1")).isFalse();
        assertThat(connections.find("c-2")).isPresent();
    }

    @Test
    void aNodeThatRestartedLosesTheConnectionsOfItsPreviousRun() {
        assertThat(liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1))).as("a run new to us").isTrue();
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));
        assertThat(liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1))).as("the same run").isFalse();

        assertThat(liveness.heard("gw-1", new GatewayHeartbeat("boot-b", 1000, 0))).as("a new run").isTrue();
        assertThat(liveness.bootIdOf("gw-1")).isEqualTo("boot-b");

        assertThat(connections.find("c-1")).isEmpty();
        assertThat(liveness.isAlive("gw-1")).isTrue();
    }

    @Test
    void aNodeThatKeepsBeatingKeepsItsConnections() {
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1));
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));

        liveness.ownProbeHeard(System.currentTimeMillis() + 2000);
        liveness.expireSilentNodes(System.currentTimeMillis() + 2000);

        assertThat(connections.find("c-1")).isPresent();
    }

    @Test
    void nobodyIsExpiredWhileHeartbeatsCannotBeReadAndEveryoneGetsAFreshCountAfter() {
        long now = System.currentTimeMillis();
        liveness.ownProbeHeard(now);
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now);
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));

        // Kafka away for 20 s: neither the node's beats nor our own probe arrive
        liveness.expireSilentNodes(now + 20_000);
        assertThat(connections.find("c-1")).isPresent();

        // back: our probe arrives first; the node has three intervals from now to be heard
        liveness.ownProbeHeard(now + 20_000);
        liveness.expireSilentNodes(now + 21_000);
        assertThat(connections.find("c-1")).isPresent();
        liveness.ownProbeHeard(now + 23_000);
        liveness.expireSilentNodes(now + 24_000);
        assertThat(connections.find("c-1")).isEmpty();
    }

    @Test
    void aRunTakenForDeadIsToldSoOnceWhenItIsHeardAgainAndANewRunIsNot() {
        // given a node taken for dead after three silent intervals (a long pause)
        long now = System.currentTimeMillis();
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now);
        liveness.heard("gw-2", new GatewayHeartbeat("boot-b", 1000, 1), now + 3000);
        liveness.ownProbeHeard(now + 3000);
        liveness.expireSilentNodes(now + 3500);

        // when the same run beats again, then again
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now + 4000);

        // then it is revived once, and a node that was never taken for dead is not
        assertThat(liveness.revived("gw-1", "boot-a")).isTrue();
        assertThat(liveness.revived("gw-1", "boot-a")).isFalse();
        assertThat(liveness.revived("gw-2", "boot-b")).isFalse();
    }

    @Test
    void aNewRunOfANodeTakenForDeadIsNotRevived() {
        long now = System.currentTimeMillis();
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now);
        liveness.ownProbeHeard(now + 3000);
        liveness.expireSilentNodes(now + 3500);

        assertThat(liveness.revived("gw-1", "boot-new")).isFalse();
    }

    @Test
    void aNodeIsGoneOnlyOnceThisInstanceHasListenedLongEnoughToKnowEveryLiveNode() {
        long now = System.currentTimeMillis();
        liveness.ownProbeHeard(now);
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now);

        assertThat(liveness.isGone("gw-9", now + 1000)).as("just started listening").isFalse();
        liveness.ownProbeHeard(now + 16_000);
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now + 16_000);
        assertThat(liveness.isGone("gw-9", now + 16_000)).as("never heard of").isTrue();
        assertThat(liveness.isGone("gw-1", now + 16_000)).as("alive").isFalse();
        liveness.seen("gw-8");
        assertThat(liveness.isGone("gw-8", now + 16_000)).as("its frames came before its first heartbeat").isFalse();
    }

    @Test
    void aKafkaHiccupShorterThanDeafnessStillGivesEveryNodeAFreshCount() {
        // given a node heard, then Kafka away long enough to lose a probe (probes every 5 s) but not to make us deaf
        long now = System.currentTimeMillis();
        liveness.ownProbeHeard(now);
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now);
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));

        // when our probe comes back 12 s later, before the node's heartbeats do
        liveness.ownProbeHeard(now + 12_000);
        liveness.expireSilentNodes(now + 12_100);

        // then the node is not taken for dead: its heartbeats were lost with ours
        assertThat(liveness.isAlive("gw-1")).isTrue();
        assertThat(connections.connectionsOf("s-1")).hasSize(1);
    }

    @Test
    void whenKafkaStopsANodeIsNotTakenForDeadInTheMomentBeforeWeKnowWeAreDeaf() {
        // given probes and a node's beats every second (deaf after 3 s), the node's last beat a moment before our last probe
        var liveness = new GatewayLiveness(connections, 3_000);
        long now = System.currentTimeMillis();
        liveness.ownProbeHeard(now);
        liveness.heard("gw-1", new GatewayHeartbeat("boot-a", 1000, 1), now + 990);
        liveness.ownProbeHeard(now + 1000);
        connections.bind(new ClientConnection("c-1", "gw-1", "app", "s-1", 0, "pubsub"));

        // when Kafka stops there, and the check runs just past three of the node's intervals, still within our deafness
        liveness.expireSilentNodes(now + 3_995);

        // then the node is alive: nothing came through Kafka since its last beat, its silence says nothing
        assertThat(liveness.isAlive("gw-1")).isTrue();
        assertThat(connections.connectionsOf("s-1")).hasSize(1);
    }
}
