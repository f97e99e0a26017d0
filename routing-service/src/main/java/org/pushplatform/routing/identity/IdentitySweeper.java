package org.pushplatform.routing.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Removes identities whose idle expiry passed with no connection left (a pubsub session opened without a customid,
 * soon after it closed), and with them their topic subscriptions and pending deliveries (the tables cascade). Safe
 * on every instance: one statement deletes.
 */
@ApplicationScoped
public class IdentitySweeper {

    private static final Logger LOG = Logger.getLogger(IdentitySweeper.class);

    private final Pool db;
    private final Counter expired;

    public IdentitySweeper(Pool db, MeterRegistry metrics) {
        this.db = db;
        this.expired = metrics.counter("push_identities_expired_total");
    }

    @Scheduled(every = "${push.identity-sweep:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return db.query("DELETE FROM routing.identity i WHERE i.idle_expiry_seconds IS NOT NULL"
                + " AND i.last_seen_at < now() - make_interval(secs => i.idle_expiry_seconds)"
                + " AND NOT EXISTS (SELECT 1 FROM routing.live_connection c WHERE c.identity_ref = i.ref)")
            .execute().invoke(rows -> {
                if (rows.rowCount() > 0) {
                    expired.increment(rows.rowCount());
                    LOG.infof("[routing] %d idle identities expired, with their subscriptions and pending deliveries", rows.rowCount());
                }
            }).replaceWithVoid();
    }
}
