package org.pushplatform.routing.delivery;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.delivery.DeliveryOutcome;

/**
 * Drops stored deliveries past their time to live and those every target has received, and tells requesters of
 * the expired ones. Safe on every instance: one statement deletes, so each expiry is reported once.
 */
@ApplicationScoped
public class DeliverySweeper {

    private static final Logger LOG = Logger.getLogger(DeliverySweeper.class);

    private final DeliveryStore store;
    private final Outcomes outcomes;

    public DeliverySweeper(DeliveryStore store, Outcomes outcomes) {
        this.store = store;
        this.outcomes = outcomes;
    }

    @Scheduled(every = "${push.message-sweep:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return store.sweep().invoke(expired -> {
            expired.forEach(e -> outcomes.failed(e.ticket(), DeliveryOutcome.Reason.EXPIRED, null));
            if (!expired.isEmpty()) {
                LOG.debugf("[routing] %d stored deliveries expired before their receivers had them", expired.size());
            }
        }).replaceWithVoid();
    }
}
