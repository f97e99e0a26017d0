package org.pushplatform.routing.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.GatewayHeartbeat;

/**
 * Which gateway nodes are alive, from their heartbeats. A node silent for three of its intervals, or one that
 * restarted (a new boot id), loses its connections here, so that its clients show offline.
 */
@ApplicationScoped
public class GatewayLiveness {

    private static final Logger LOG = Logger.getLogger(GatewayLiveness.class);
    static final int MISSED_BEATS = 3;
    /** The gateway's default heartbeat interval, assumed for a node not heard from yet. */
    static final long DEFAULT_INTERVAL_MS = 5000;

    private record LastHeard(String bootId, long intervalMs, long atMillis) {
    }

    private final ConnectionRegistry connections;
    private final Map<String, LastHeard> nodes = new ConcurrentHashMap<>();

    public GatewayLiveness(ConnectionRegistry connections) {
        this.connections = connections;
    }

    public void heard(String nodeId, GatewayHeartbeat heartbeat) {
        heard(nodeId, heartbeat, System.currentTimeMillis());
    }

    void heard(String nodeId, GatewayHeartbeat heartbeat, long nowMillis) {
        LastHeard previous = nodes.put(nodeId, new LastHeard(heartbeat.bootId(), heartbeat.intervalMs(), nowMillis));
        if (previous != null && previous.bootId() != null && !previous.bootId().equals(heartbeat.bootId())) {
            int dropped = connections.closeNode(nodeId);
            LOG.infof("[%s] gateway restarted: %d connections of its previous run marked offline", nodeId, dropped);
        }
    }

    /**
     * Connections on this node were taken over from PostgreSQL: if the node is not heard from within three
     * default intervals, they are stale.
     */
    public void expect(String nodeId) {
        nodes.putIfAbsent(nodeId, new LastHeard(null, DEFAULT_INTERVAL_MS, System.currentTimeMillis()));
    }

    @Scheduled(every = "${push.liveness-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireSilentNodes() {
        expireSilentNodes(System.currentTimeMillis());
    }

    void expireSilentNodes(long nowMillis) {
        nodes.forEach((nodeId, last) -> {
            long silentMs = nowMillis - last.atMillis();
            if (silentMs > MISSED_BEATS * last.intervalMs() && nodes.remove(nodeId, last)) {
                int dropped = connections.closeNode(nodeId);
                LOG.warnf("[%s] gateway silent for %d ms: %d connections marked offline", nodeId, silentMs, dropped);
            }
        });
    }

    public boolean isAlive(String nodeId) {
        return nodes.containsKey(nodeId);
    }
}
