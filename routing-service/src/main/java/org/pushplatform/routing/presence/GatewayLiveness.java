package org.pushplatform.routing.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Which gateway nodes are alive, from their heartbeats. A node silent for three of its intervals, or one that
 * restarted (a new boot id), loses its connections here, so that its clients show offline. While this instance
 * cannot read {@code push.heartbeats} itself (Kafka restarting), nobody is expired.
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
    /** The run of each node last taken for dead here: heard again, it is told so (see {@link #revived}). */
    private final Map<String, String> expiredRuns = new ConcurrentHashMap<>();
    /** Nodes records came from; one taken for dead is forgotten here until it is heard again. */
    private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();
    /** Silence means a dead node only while this instance hears its own probes through Kafka. */
    private final long deafAfterMs;
    private volatile long ownProbeHeardAt = -1;
    /** When this instance first heard its own probe: from three default intervals on, it knows every live node. */
    private volatile long listeningSince = -1;

    /** Told, with the gap's length, when heartbeats are readable again after a Kafka outage. */
    private final LongConsumer resumed;

    @Inject
    public GatewayLiveness(ConnectionRegistry connections, RoutingConfig config, Event<HeartbeatsResumed> resumed) {
        this(connections, MISSED_BEATS * config.livenessCheck().toMillis(), gap -> resumed.fireAsync(new HeartbeatsResumed(gap)));
    }

    GatewayLiveness(ConnectionRegistry connections, long deafAfterMs) {
        this(connections, deafAfterMs, gap -> { });
    }

    private GatewayLiveness(ConnectionRegistry connections, long deafAfterMs, LongConsumer resumed) {
        this.connections = connections;
        this.deafAfterMs = deafAfterMs;
        this.resumed = resumed;
    }

    /**
     * This instance's own probe came back through {@code push.heartbeats}. After a gap (Kafka was away, even for less
     * than the time that makes this instance deaf: a probe was lost) every node starts a fresh count: their heartbeats
     * were lost with ours, which says nothing about them, and theirs may come back a moment after ours.
     */
    public void ownProbeHeard(long nowMillis) {
        long previous = ownProbeHeardAt;
        ownProbeHeardAt = nowMillis;
        if (listeningSince < 0) {
            listeningSince = nowMillis;
        }
        if (previous >= 0 && nowMillis - previous > 2 * deafAfterMs / MISSED_BEATS) {
            nodes.replaceAll((nodeId, last) -> new LastHeard(last.bootId(), last.intervalMs(), nowMillis));
            LOG.infof("[routing] heartbeats readable again after %d ms; gateway nodes get a fresh count", nowMillis - previous);
            resumed.accept(nowMillis - previous);
        }
    }

    private boolean canHear(long nowMillis) {
        return ownProbeHeardAt >= 0 && nowMillis - ownProbeHeardAt <= deafAfterMs;
    }

    /** @return true when this run of the node is new to this instance */
    public boolean heard(String nodeId, GatewayHeartbeat heartbeat) {
        return heard(nodeId, heartbeat, System.currentTimeMillis());
    }

    boolean heard(String nodeId, GatewayHeartbeat heartbeat, long nowMillis) {
        LastHeard previous = nodes.put(nodeId, new LastHeard(heartbeat.bootId(), heartbeat.intervalMs(), nowMillis));
        if (previous != null && previous.bootId() != null && !previous.bootId().equals(heartbeat.bootId())) {
            int dropped = connections.closeNode(nodeId);
            LOG.infof("[%s] gateway restarted: %d connections of its previous run marked offline", nodeId, dropped);
        }
        return previous == null || !heartbeat.bootId().equals(previous.bootId());
    }

    /**
     * True, once, when this heartbeat is of a run this instance took for dead: its connections were dropped here, and
     * the node must close them so that their clients connect again (it knows nothing of it otherwise).
     */
    public boolean revived(String nodeId, String bootId) {
        String expired = expiredRuns.remove(nodeId);
        return expired != null && expired.equals(bootId);
    }

    /** The run of the node this instance heard last, or null. */
    public String bootIdOf(String nodeId) {
        LastHeard last = nodes.get(nodeId);
        return last == null ? null : last.bootId();
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
        if (!canHear(nowMillis)) {
            return;
        }
        long probeHeardAt = ownProbeHeardAt;
        nodes.forEach((nodeId, last) -> {
            long silentMs = nowMillis - last.atMillis();
            // and Kafka carried our probe two of the node's intervals after its last beat: when Kafka stops, the node's
            // beats and our probes stop together, and the node must not be taken for dead in the moment before we
            // notice that we are deaf
            boolean heardSince = probeHeardAt > last.atMillis() + 2 * last.intervalMs();
            if (silentMs > MISSED_BEATS * last.intervalMs() && heardSince && nodes.remove(nodeId, last)) {
                if (last.bootId() != null) {
                    expiredRuns.put(nodeId, last.bootId());
                }
                seen.remove(nodeId);
                int dropped = connections.closeNode(nodeId);
                LOG.warnf("[%s] gateway silent for %d ms: %d connections marked offline", nodeId, silentMs, dropped);
            }
        });
    }

    /** The gateway nodes heard from lately: where a room's members may be. */
    public java.util.Set<String> liveNodes() {
        return java.util.Set.copyOf(nodes.keySet());
    }

    public boolean isAlive(String nodeId) {
        return nodes.containsKey(nodeId);
    }

    /**
     * True when this instance is sure the node is not there: it has heard heartbeats long enough to know every live
     * node, and none of this one lately (it died, or never was).
     */
    public boolean isGone(String nodeId) {
        return isGone(nodeId, System.currentTimeMillis());
    }

    boolean isGone(String nodeId, long nowMillis) {
        if (expiredRuns.containsKey(nodeId)) {
            return true;
        }
        return !nodes.containsKey(nodeId) && !seen.contains(nodeId) && canHear(nowMillis) && listeningSince >= 0
            && nowMillis - listeningSince > MISSED_BEATS * DEFAULT_INTERVAL_MS;
    }

    /** A record came from the node (a client frame, a receipt): it is there, even before its first heartbeat is read. */
    public void seen(String nodeId) {
        seen.add(nodeId);
    }
}
