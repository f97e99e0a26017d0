package org.pushplatform.routing.inbound;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Failures that say "PostgreSQL is away for a moment" (restarting, connections dropped), after which the same
 * record should be tried again rather than dropped.
 */
final class TransientFailures {

    private static final Set<String> CONNECTION_LOST = Set.of("ClosedConnectionException", "ConnectException",
        "ConnectionException");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedChannelException || CONNECTION_LOST.contains(cause.getClass().getSimpleName())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
