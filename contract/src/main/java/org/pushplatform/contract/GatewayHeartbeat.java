package org.pushplatform.contract;

/**
 * Payload of {@link EnvelopeTypes#GATEWAY_HEARTBEAT}.
 *
 * @param bootId      random per process start: a new one means the node restarted and lost its connections
 * @param intervalMs  how often the node sends one; a node silent for three intervals is taken for dead
 * @param connections how many connections the node holds, for operators
 * @param startedAt   when this run started, in milliseconds since the epoch (0 when unknown): of two runs claiming
 *                    one node id, the earlier keeps it
 * @param stopping    the run's last heartbeat, sent as it shuts down: it holds its node id no longer
 */
public record GatewayHeartbeat(String bootId, long intervalMs, int connections, long startedAt, boolean stopping) {

    public GatewayHeartbeat(String bootId, long intervalMs, int connections) {
        this(bootId, intervalMs, connections, 0, false);
    }
}
