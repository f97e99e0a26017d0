package org.pushplatform.routing.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.delivery.DeliveryOutcome;

/**
 * Drops stored deliveries past their time to live and those every target has received, and tells requesters of
 * the expired ones. Safe on every instance: each statement deletes what it reports, skipping rows another instance is
 * deleting, so each expiry is reported once.
 *
 * <p>It works in steps of at most {@link #STEP} rows, each a short statement of its own, instead of one statement over
 * the whole table (at 5,000 messages a second that one ran for 1-2 s every minute). A received delivery stays at least
 * {@link #KEEP} (a record read again within it is recognised and stored once); which ones are that old is known by
 * their ids ({@link IdsByAge}). A sweep goes on from where the last one stopped, and once a {@link #FULL_PASS} it reads
 * again from the lowest id, for deliveries received after the sweep passed them (a receiver that came back).
 */
@ApplicationScoped
public class DeliverySweeper {

    private static final Logger LOG = Logger.getLogger(DeliverySweeper.class);

    static final int STEP = 5000;
    static final Duration KEEP = Duration.ofMinutes(1);
    static final Duration FULL_PASS = Duration.ofMinutes(1);

    private final DeliveryStore store;
    private final Outcomes outcomes;
    private final MeterRegistry metrics;
    private final IdsByAge ids = new IdsByAge(KEEP);
    /** Received deliveries up to this id were looked at by an earlier sweep (one sweep at a time: the schedule skips
     *  a run while one goes on, so this state needs no lock). */
    private long sweptUpTo;
    private Instant lastFullPass = Instant.EPOCH;

    public DeliverySweeper(DeliveryStore store, Outcomes outcomes, MeterRegistry metrics) {
        this.store = store;
        this.outcomes = outcomes;
        this.metrics = metrics;
    }

    @Scheduled(every = "${push.message-sweep}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        return store.lastAssignedId().invoke(lastId -> ids.note(now, lastId))
            .chain(() -> dropExpired())
            .chain(() -> dropReceived(now));
    }

    private Uni<Void> dropExpired() {
        return inSteps(() -> store.dropExpired(STEP).invoke(step -> {
            step.expired().forEach(e -> outcomes.failed(e.ticket(), DeliveryOutcome.Reason.EXPIRED, null));
            if (!step.expired().isEmpty()) {
                LOG.debugf("[routing] %d stored deliveries expired before their receivers had them", step.expired().size());
            }
            metrics.counter("push_stored_deliveries_dropped_total", "reason", "expired").increment(step.dropped());
        }), DeliveryStore.ExpiredStep::dropped);
    }

    private Uni<Void> dropReceived(Instant now) {
        long upTo = ids.oldUpTo(now);
        if (!now.isBefore(lastFullPass.plus(FULL_PASS))) {
            lastFullPass = now;
            sweptUpTo = 0;
        }
        if (upTo <= sweptUpTo) {
            return Uni.createFrom().voidItem();
        }
        long[] after = {sweptUpTo};
        return inSteps(() -> store.dropReceived(after[0], upTo, STEP).invoke(step -> {
            after[0] = step.lastId();
            metrics.counter("push_stored_deliveries_dropped_total", "reason", "received").increment(step.dropped());
        }), DeliveryStore.ReceivedStep::dropped).invoke(() -> sweptUpTo = upTo);
    }

    /** Runs {@code step} again while it drops a full step's rows. */
    private static <T> Uni<Void> inSteps(Supplier<Uni<T>> step, Function<T, Integer> dropped) {
        return step.get().flatMap(done -> dropped.apply(done) < STEP ? Uni.createFrom().voidItem() : inSteps(step, dropped));
    }
}
