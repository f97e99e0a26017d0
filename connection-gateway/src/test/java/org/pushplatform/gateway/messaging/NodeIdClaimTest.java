package org.pushplatform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pushplatform.contract.GatewayHeartbeat;

class NodeIdClaimTest {

    private static GatewayHeartbeat run(String bootId, long startedAt) {
        return new GatewayHeartbeat(bootId, 5000, 0, startedAt, false);
    }

    @Test
    void ofTwoRunsThatBothPassedTheStartCheckExactlyOneKeepsTheNodeId() {
        GatewayHeartbeat early = run("b", 1_000);
        GatewayHeartbeat late = run("a", 2_000);

        // the late run hears the early one: the early one keeps it, the late one stops
        assertThat(NodeIdClaim.keepsTheId(early, late.startedAt(), late.bootId())).isTrue();
        // the early run hears the late one and carries on
        assertThat(NodeIdClaim.keepsTheId(late, early.startedAt(), early.bootId())).isFalse();
    }

    @Test
    void runsStartedInTheSameMillisecondAreToldApartByTheirBootIds() {
        GatewayHeartbeat one = run("aaaa", 1_000);
        GatewayHeartbeat other = run("bbbb", 1_000);

        assertThat(NodeIdClaim.keepsTheId(one, other.startedAt(), other.bootId())).isTrue();
        assertThat(NodeIdClaim.keepsTheId(other, one.startedAt(), one.bootId())).isFalse();
    }
}
