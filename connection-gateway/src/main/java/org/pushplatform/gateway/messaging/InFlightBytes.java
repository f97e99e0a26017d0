package org.pushplatform.gateway.messaging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of records handed to Kafka and not yet acknowledged by it, across the node, held to a bound: a broker that
 * is slow or away, or clients sending large frames fast, cannot fill the heap with records waiting to be sent.
 */
final class InFlightBytes {

    private final AtomicLong inFlight = new AtomicLong();
    private final long most;

    InFlightBytes(long most) {
        this.most = most;
    }

    /** @return whether the record may be sent now (one record is always let through when none waits) */
    boolean tryTake(long bytes) {
        long now = inFlight.addAndGet(bytes);
        if (now > most && now != bytes) {
            inFlight.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Taken regardless of the bound: what must not be lost (a connection's close, a receipt) is small. */
    void take(long bytes) {
        inFlight.addAndGet(bytes);
    }

    void release(long bytes) {
        inFlight.addAndGet(-bytes);
    }

    long inFlight() {
        return inFlight.get();
    }
}
