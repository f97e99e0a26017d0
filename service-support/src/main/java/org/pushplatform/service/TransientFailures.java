package org.pushplatform.service;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.sqlclient.DatabaseException;

/**
 * Failures that say "PostgreSQL is away or overloaded for a moment", after which the same record should be tried
 * again rather than dropped: a lost connection, the server shutting down or starting up (57P01-57P03), too many
 * clients or other resource exhaustion (class 53), connection errors (class 08), a serialization failure or
 * deadlock (40001, 40P01), and a pool that could not hand out a connection in time.
 */
public final class TransientFailures {

    private static final Set<String> CONNECTION_LOST = Set.of("ClosedConnectionException", "ConnectException",
        "ConnectionException", "NoStackTraceTimeoutException", "ConnectionPoolTooBusyException");
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedChannelException || cause instanceof TimeoutException
                || CONNECTION_LOST.contains(cause.getClass().getSimpleName())) {
                return true;
            }
            if (cause instanceof DatabaseException database && isTransientState(database.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** True when PostgreSQL itself reported the failure (it answered): a deadlock, a serialization failure, ... */
    public static boolean reportedByDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database && database.getSqlState() != null && !database.getSqlState().startsWith("57")
                && !database.getSqlState().startsWith("08") && !database.getSqlState().startsWith("53")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String sqlState) {
        return sqlState != null && (TRANSIENT_STATES.contains(sqlState) || sqlState.startsWith("08") || sqlState.startsWith("53"));
    }
}
