package org.pushplatform.routing.delivery;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.presence.HeartbeatsResumed;

/**
 * Sends stored deliveries again to connected identities that have not received them long after they were sent: a
 * record lost on its way (a crash after commit, a gateway's topic retention passing while it lagged, a send Kafka
 * refused) would otherwise reach a connected client only when it reconnects. The gateway writes a stored delivery
 * at most once per connection and answers a repeat with a receipt, so a resend of one that did arrive only clears
 * it. Each instance looks after the identities it owns.
 */
@ApplicationScoped
public class OverdueResender {

    private static final Logger LOG = Logger.getLogger(OverdueResender.class);
    /** Most deliveries sent again per check: a backlog is worked through over several checks. */
    private static final int PER_CHECK = 2_000;

    private final ConnectionRegistry connections;
    private final DeliveryStore store;
    private final ConnectionDelivery delivery;
    private final RoutingConfig config;
    private final Counter resent;
    private final Vertx vertx;

    public OverdueResender(ConnectionRegistry connections, DeliveryStore store, ConnectionDelivery delivery, RoutingConfig config,
                           Vertx vertx, MeterRegistry metrics) {
        this.vertx = vertx;
        this.connections = connections;
        this.store = store;
        this.delivery = delivery;
        this.config = config;
        this.resent = metrics.counter("push_deliveries_resent_total");
    }

    @Scheduled(every = "${push.resend-check:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resendOverdue() {
        return resendNotReceivedAfter(config.resendAfter(), "");
    }

    /**
     * Kafka was away: records sent meanwhile (a delivery on its way to a gateway, its receipt on the way back) may be
     * lost, and a client that stayed connected would wait a whole {@code resend-after} for them. Once receipts held
     * up by the outage have had time to come in (two liveness checks), what is still not received is sent again.
     */
    void onHeartbeatsResumed(@ObservesAsync HeartbeatsResumed resumed) {
        Duration settle = config.livenessCheck().multipliedBy(2);
        vertx.setTimer(settle.toMillis(), id -> resendNotReceivedAfter(settle, " (Kafka was away for " + resumed.gapMillis() + " ms)")
            .subscribe().with(done -> { }, failure -> LOG.warnf("[routing] resending after a Kafka outage failed: %s", failure.getMessage())));
    }

    private Uni<Void> resendNotReceivedAfter(Duration after, String why) {
        Set<String> connected = connections.connectedIdentities();
        if (connected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.takeOverdue(connected, after, PER_CHECK).invoke(overdue -> {
            overdue.forEach(delivery::resend);
            if (!overdue.isEmpty()) {
                resent.increment(overdue.size());
                LOG.infof("[routing] %d stored deliveries not received after %s sent again%s", overdue.size(), after, why);
            }
        }).replaceWithVoid();
    }
}
