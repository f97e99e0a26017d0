package org.pushplatform.contract;

/**
 * Payload of {@link EnvelopeTypes#GATEWAY_HEARTBEAT}.
 *
 * @param bootId     random per process start: a new one means the node restarted and lost its connections
 * @param intervalMs how often the node sends one; a node silent for three intervals is taken for dead
 * @param connections how many connections the node holds, for operators
 */
public record GatewayHeartbeat(String bootId, long intervalMs, int connections) {
}
