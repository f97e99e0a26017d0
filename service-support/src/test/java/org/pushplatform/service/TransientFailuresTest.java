package org.pushplatform.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void postgresqlShuttingDownStartingUpOrFullIsTriedAgain() {
        assertThat(TransientFailures.isTransient(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(TransientFailures.isTransient(pg("57P03", "the database system is starting up"))).isTrue();
        assertThat(TransientFailures.isTransient(pg("53300", "sorry, too many clients already"))).isTrue();
        assertThat(TransientFailures.isTransient(pg("08006", "connection failure"))).isTrue();
        assertThat(TransientFailures.isTransient(pg("40P01", "deadlock detected"))).isTrue();
        assertThat(TransientFailures.isTransient(new CompletionException(new java.util.concurrent.TimeoutException("no connection from the pool"))))
            .isTrue();
    }

    @Test
    void whatRetryingCannotMendIsNot() {
        assertThat(TransientFailures.isTransient(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
        assertThat(TransientFailures.isTransient(pg("42P01", "relation does not exist"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad frame"))).isFalse();
    }

    private static Throwable pg(String state, String message) {
        // as Hibernate Reactive and Mutiny hand it on: wrapped
        return new CompletionException(new PgException(message, "FATAL", state, null));
    }
}
