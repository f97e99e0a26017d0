package org.pushplatform.routing.inbound;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.service.TransientFailures;

/**
 * Runs one unit of a round's work on a Vert.x context of its own, so that units run side by side without sharing a
 * reactive Hibernate session, and tries it again, in place, for as long as PostgreSQL is away or overloaded: the
 * record is neither dropped nor passed over, so order per key holds, and readiness says so meanwhile
 * ({@link RecordHandlingHealth}).
 */
@ApplicationScoped
public class OwnContext {

    private static final Logger LOG = Logger.getLogger(OwnContext.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final AtomicInteger waitingForDatabase = new AtomicInteger();
    private volatile String lastTransientFailure;

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
    Uni<Void> run(String what, Supplier<Uni<Void>> work, java.util.function.Consumer<Throwable> onGiveUp) {
        Context current = Vertx.currentContext();
        Context own = current == null ? null : VertxContext.createNewDuplicatedContext(current);
        if (own != null) {
            // a context of its own is what Hibernate Reactive asks for: no other unit shares its session
            VertxContextSafetyToggle.setContextSafe(own, true);
        }
        Uni<Void> unit = Uni.createFrom().deferred(work::get);
        if (own != null) {
            unit = unit.runSubscriptionOn(task -> own.runOnContext(ignored -> task.run()));
        }
        AtomicBoolean waiting = new AtomicBoolean();
        return unit
            .onFailure(TransientFailures::isTransient).invoke(failure -> {
                lastTransientFailure = what + ": " + failure.getMessage();
                if (waiting.compareAndSet(false, true)) {
                    waitingForDatabase.incrementAndGet();
                }
                LOG.warnf("%s will be tried again: %s", what, failure.getMessage());
            })
            .onFailure(TransientFailures::isTransient).retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely()
            .onTermination().invoke(() -> {
                if (waiting.compareAndSet(true, false)) {
                    waitingForDatabase.decrementAndGet();
                }
            })
            .onFailure().recoverWithItem(failure -> {
                onGiveUp.accept(failure);
                return null;
            });
    }
}
