package org.pushplatform.contract;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of {@link EnvelopeTypes#GATEWAY_HEARTBEAT}.
 *
 * @param bootId      random per process start: a new one means the node restarted and lost its connections
 * @param intervalMs  how often the node sends one; a node silent for three intervals is taken for dead
 * @param connections how many connections the node holds, for operators
 * @param startedAt   when this run started, in milliseconds since the epoch (0 when unknown): of two runs claiming
 *                    one node id, the earlier keeps it
 * @param stopping    the run's last heartbeat, sent as it shuts down: it holds its node id no longer
 * @param host        the host clients reach the node at (absent in records of earlier versions)
 * @param ports       each listener's port: {@code http}, {@code socketio.<api>}, {@code tcp.<api>}
 * @param counts      live connections by {@code <api>/<transport>} (transports: socketio, tcp, and the push-server
 *                    API's intercom-capture and intercom-call WebSockets)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayHeartbeat(String bootId, long intervalMs, int connections, long startedAt, boolean stopping, String host,
                               Map<String, Integer> ports, Map<String, Integer> counts) {

    public GatewayHeartbeat(String bootId, long intervalMs, int connections, long startedAt, boolean stopping) {
        this(bootId, intervalMs, connections, startedAt, stopping, null, null, null);
    }

    public GatewayHeartbeat(String bootId, long intervalMs, int connections) {
        this(bootId, intervalMs, connections, 0, false);
    }
}
