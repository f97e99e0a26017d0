package org.pushplatform.routing.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.GatewayHeartbeat;

/**
 * The last heartbeat of every live gateway node, as every routing instance hears them all: where each node is, its
 * ports and its live connection counts. A node silent for three of its intervals, or saying farewell, is left out.
 */
@ApplicationScoped
public class GatewayLoad {

    /** One node's last word. */
    public record Node(String nodeId, GatewayHeartbeat heartbeat, long heardAtMillis) {

        /** Its live connections of {@code kind} ({@code <api>/<transport>}). */
        public int count(String kind) {
            Map<String, Integer> counts = heartbeat.counts();
            return counts == null ? 0 : counts.getOrDefault(kind, 0);
        }
    }

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    public void heard(String nodeId, GatewayHeartbeat heartbeat) {
        if (heartbeat.stopping()) {
            nodes.remove(nodeId);
        } else {
            nodes.put(nodeId, new Node(nodeId, heartbeat, System.currentTimeMillis()));
        }
    }

    /** The nodes heard lately that say where they are, in node id order. */
    public List<Node> live() {
        long now = System.currentTimeMillis();
        return nodes.values().stream()
            .filter(n -> n.heartbeat().host() != null && now - n.heardAtMillis() <= GatewayLiveness.MISSED_BEATS * n.heartbeat().intervalMs())
            .sorted(java.util.Comparator.comparing(Node::nodeId)).toList();
    }
}
