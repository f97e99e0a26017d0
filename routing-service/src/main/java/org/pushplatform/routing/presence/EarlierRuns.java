package org.pushplatform.routing.presence;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A gateway node heard with a run (boot id) new to this instance: connections recorded under its earlier runs are
 * gone, also those this instance only knows from PostgreSQL (taken over, or kept across a crash of everything).
 */
@ApplicationScoped
public class EarlierRuns {

    private static final Logger LOG = Logger.getLogger(EarlierRuns.class);

    private final LiveConnectionStore liveConnections;
    private final ConnectionRegistry connections;

    public EarlierRuns(LiveConnectionStore liveConnections, ConnectionRegistry connections) {
        this.liveConnections = liveConnections;
        this.connections = connections;
    }

    public void forget(String nodeId, String bootId) {
        liveConnections.deleteOtherRuns(nodeId, bootId).subscribe().with(gone -> {
            gone.forEach(connections::closed);
            if (!gone.isEmpty()) {
                LOG.infof("[%s] %d connections of an earlier run of this gateway marked offline", nodeId, gone.size());
            }
        }, failure -> LOG.warnf("[%s] earlier runs not cleared: %s", nodeId, failure.getMessage()));
    }
}
