package org.pushplatform.routing.quota;

import java.util.HashSet;
import java.util.Set;

/**
 * What one PostgreSQL statement saw, as {@code pg_current_snapshot()} gives it ({@code xmin:xmax:xip,...}): a
 * committed transaction is in it unless it began after it (at or past {@code xmax}) or was still running (listed).
 */
record TransactionSnapshot(long xmin, long xmax, Set<Long> running) {

    /** Before the first count: sees nothing, so that every write is held until a count has seen it. */
    static final TransactionSnapshot NOTHING = new TransactionSnapshot(0, 0, Set.of());

    static TransactionSnapshot parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a PostgreSQL snapshot: " + text);
        }
        Set<Long> running = new HashSet<>();
        for (String xid : parts[2].split(",")) {
            if (!xid.isEmpty()) {
                running.add(Long.parseLong(xid));
            }
        }
        return new TransactionSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Set.copyOf(running));
    }

    /** @param xid a committed transaction's id ({@code pg_current_xact_id()}) */
    boolean sees(long xid) {
        return xid < xmin || (xid < xmax && !running.contains(xid));
    }
}
