package org.pushplatform.routing.inbound;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pushplatform.service.TransientFailures;

/**
 * Runs one unit of a round's work on a Vert.x context of its own, so that units run side by side without sharing a
 * reactive Hibernate session, and tries it again, in place, for as long as PostgreSQL is away or overloaded: the
 * record is neither dropped nor passed over, so order per key holds, and readiness says so meanwhile
 * ({@link RecordHandlingHealth}). A batch that fails for good is tried record by record, so one bad record fails alone.
 */
@ApplicationScoped
public class OwnContext {

    private static final Logger LOG = Logger.getLogger(OwnContext.class);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    /**
     * Tries of a unit failing with an error PostgreSQL itself reported (a deadlock, a serialization failure) after which,
     * when PostgreSQL answers a probe, the failure is taken as the unit's own: it is given up rather than stalling
     * every partition this instance owns behind it.
     */
    static final int TRIES_WHILE_DATABASE_ANSWERS = 8;

    private final AtomicInteger waitingForDatabase = new AtomicInteger();
    private final Supplier<Uni<Boolean>> databaseAnswers;
    private final Duration retryFirst;
    private volatile String lastTransientFailure;

    @Inject
    public OwnContext(Pool db) {
        this(() -> db.query("SELECT 1").execute().map(rows -> true).onFailure().recoverWithItem(false), Duration.ofMillis(200));
    }

    /**
     * @param databaseAnswers whether PostgreSQL answers a trivial query now
     * @param retryFirst      the first wait before a unit is tried again, doubled each time up to 5 s
     */
    OwnContext(Supplier<Uni<Boolean>> databaseAnswers, Duration retryFirst) {
        this.databaseAnswers = databaseAnswers;
        this.retryFirst = retryFirst;
    }

    /** Units now waiting to be tried again. */
    int waitingForDatabase() {
        return waitingForDatabase.get();
    }

    String lastTransientFailure() {
        return lastTransientFailure;
    }

    /**
     * @param what    for the logs: the connection or record and its type
     * @param onGiveUp called with the failure when the work fails for good; the round goes on
     */
    Uni<Void> run(String what, Supplier<Uni<Void>> work, Consumer<Throwable> onGiveUp) {
        return runOrFail(what, work).onFailure().recoverWithItem(failure -> {
            onGiveUp.accept(failure);
            return null;
        });
    }

    /**
     * Many records handled together (one statement); when that fails for good, each is handled alone, in order, so
     * that one record's failure is its own and the others go through.
     *
     * @param onGiveUp called with a record and its failure when it fails alone
     */
    <T> Uni<Void> runTogether(String what, List<T> records, Function<List<T>, Uni<Void>> work, BiConsumer<T, Throwable> onGiveUp) {
        if (records.size() == 1) {
            return run(what, () -> work.apply(records), failure -> onGiveUp.accept(records.get(0), failure));
        }
        return runOrFail(what, () -> work.apply(records)).onFailure().recoverWithUni(failure -> {
            LOG.warnf("%s failed together (%s): each is tried alone", what, failure.getMessage());
            Uni<Void> each = Uni.createFrom().voidItem();
            for (T record : records) {
                each = each.flatMap(done -> run(what + " (one of them)", () -> work.apply(List.of(record)),
                    alone -> onGiveUp.accept(record, alone)));
            }
            return each;
        });
    }

    /** The unit on a context of its own, tried again while what failed can heal; fails when it cannot. */
    private Uni<Void> runOrFail(String what, Supplier<Uni<Void>> work) {
        Context current = Vertx.currentContext();
        Context own = current == null ? null : VertxContext.createNewDuplicatedContext(current);
        if (own != null) {
            // a context of its own is what Hibernate Reactive asks for: no other unit shares its session
            VertxContextSafetyToggle.setContextSafe(own, true);
        }
        Uni<Void> once = Uni.createFrom().deferred(work::get);
        Uni<Void> unit = own == null ? once : once.runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
        AtomicBoolean waiting = new AtomicBoolean();
        return tried(what, unit, 1, waiting).onTermination().invoke(() -> {
            if (waiting.compareAndSet(true, false)) {
                waitingForDatabase.decrementAndGet();
            }
        });
    }

    private Uni<Void> tried(String what, Uni<Void> unit, int attempt, AtomicBoolean waiting) {
        return unit.onFailure(TransientFailures::isTransient).recoverWithUni(failure -> {
            lastTransientFailure = what + ": " + failure.getMessage();
            if (waiting.compareAndSet(false, true)) {
                waitingForDatabase.incrementAndGet();
            }
            boolean reportedByDatabase = attempt >= TRIES_WHILE_DATABASE_ANSWERS && TransientFailures.reportedByDatabase(failure);
            Uni<Boolean> itsOwn = reportedByDatabase ? databaseAnswers.get() : Uni.createFrom().item(false);
            return itsOwn.flatMap(own -> {
                if (own) {
                    return Uni.createFrom().failure(new IllegalStateException("failed " + attempt
                        + " times while PostgreSQL answers: " + failure.getMessage(), failure));
                }
                LOG.warnf("%s will be tried again: %s", what, failure.getMessage());
                return Uni.createFrom().voidItem().onItem().delayIt().by(backOff(attempt))
                    .flatMap(later -> tried(what, unit, attempt + 1, waiting));
            });
        });
    }

    private Duration backOff(int attempt) {
        long millis = retryFirst.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, RETRY_MAX.toMillis()));
    }
}
