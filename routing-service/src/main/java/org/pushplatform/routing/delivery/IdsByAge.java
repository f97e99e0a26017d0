package org.pushplatform.routing.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which stored deliveries are at least a given age, by id alone: ids grow, so a delivery whose id is at most the
 * last one given out at some moment was stored before that moment. Kept as the ids noted at each sweep, so that
 * finding old deliveries needs no scan of their creation times.
 */
final class IdsByAge {

    private record Noted(Instant at, long lastId) {
    }

    private final Duration age;
    private final Deque<Noted> noted = new ArrayDeque<>();

    IdsByAge(Duration age) {
        this.age = age;
    }

    /** The last id given out, as read at {@code at}. */
    void note(Instant at, long lastId) {
        noted.addLast(new Noted(at, lastId));
    }

    /**
     * @return the highest id of a delivery stored at least the age before {@code now}, or 0 until a note is that old;
     * notes older than the one it answers from are forgotten (at most one per sweep over the age is kept)
     */
    long oldUpTo(Instant now) {
        Instant cutoff = now.minus(age);
        Noted oldEnough = null;
        while (!noted.isEmpty() && !noted.peekFirst().at().isAfter(cutoff)) {
            oldEnough = noted.removeFirst();
        }
        if (oldEnough == null) {
            return 0;
        }
        noted.addFirst(oldEnough); // still the answer until a newer note is old enough
        return oldEnough.lastId();
    }
}
