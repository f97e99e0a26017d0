package org.pushplatform.service;

import java.time.Duration;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Work on PostgreSQL tried again, in place, for as long as the failure is a passing one ({@link TransientFailures}):
 * the records it handles are neither dropped nor passed over while the database is away.
 */
public final class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    private Retries() {
    }

    /** @param what for the logs: what the work is */
    public static <T> Uni<T> whileTransient(Supplier<Uni<T>> work, String what) {
        return Uni.createFrom().deferred(work::get)
            .onFailure(TransientFailures::isTransient).invoke(failure -> LOG.warnf("%s will be tried again: %s", what, failure.getMessage()))
            .onFailure(TransientFailures::isTransient).retry().withBackOff(FIRST, MAX).indefinitely();
    }
}
