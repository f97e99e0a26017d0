package org.pushplatform.routing.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What each app uses: its live connections and stored messages as PostgreSQL counted them at the last refresh
 * (every {@code push.usage-refresh}), plus what this instance admitted since (in flight or written), so that a burst
 * between two counts is held to the quota too. Other instances' additions show at the next count: a quota may be
 * passed by what all instances add within one refresh.
 *
 * <p>A write is added until a count has seen it, and never after: each write carries its transaction's id and each
 * count its snapshot, so a write that commits while a count runs is counted once, not twice (a legitimate publish near
 * the quota is not refused).
 */
@ApplicationScoped
public class AppUsage {

    /** One app's usage. */
    public record Counts(long connections, long storedMessages, long storedBytes) {
        static final Counts NONE = new Counts(0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(connections + other.connections, storedMessages + other.storedMessages, storedBytes + other.storedBytes);
        }
    }

    /** Rows one transaction wrote for an app; taken off what is added once, by whichever of a count or its settling sees it first. */
    private static final class Write {
        final long xid;
        final Counts counts;
        private final AtomicBoolean takenOff = new AtomicBoolean();

        Write(long xid, Counts counts) {
            this.xid = xid;
            this.counts = counts;
        }

        boolean takeOff() {
            return takenOff.compareAndSet(false, true);
        }

        boolean takenOff() {
            return takenOff.get();
        }
    }

    /**
     * What this instance added to one app: admitted and not yet written (in flight), and written but not yet counted.
     * The written ones are kept as running sums beside their list, so that a check costs the same however many
     * messages were written since the last count (thousands a second: summing the list on each check was most of
     * routing's CPU).
     */
    private static final class Added {
        final AtomicLong connectionsInFlight = new AtomicLong();
        final AtomicLong messagesInFlight = new AtomicLong();
        final AtomicLong bytesInFlight = new AtomicLong();
        final Queue<Write> uncounted = new ConcurrentLinkedQueue<>();
        final AtomicLong uncountedConnections = new AtomicLong();
        final AtomicLong uncountedMessages = new AtomicLong();
        final AtomicLong uncountedBytes = new AtomicLong();

        Counts counts() {
            return new Counts(connectionsInFlight.get() + uncountedConnections.get(), messagesInFlight.get() + uncountedMessages.get(),
                bytesInFlight.get() + uncountedBytes.get());
        }

        void add(Write write) {
            uncountedConnections.addAndGet(write.counts.connections());
            uncountedMessages.addAndGet(write.counts.storedMessages());
            uncountedBytes.addAndGet(write.counts.storedBytes());
            uncounted.add(write);
        }

        void takeOff(Write write) {
            if (write.takeOff()) {
                uncountedConnections.addAndGet(-write.counts.connections());
                uncountedMessages.addAndGet(-write.counts.storedMessages());
                uncountedBytes.addAndGet(-write.counts.storedBytes());
            }
        }

        /** Takes off every write the count saw, and drops those taken off already. */
        void seenBy(TransactionSnapshot count) {
            uncounted.removeIf(write -> {
                if (write.takenOff()) {
                    return true;
                }
                if (count.sees(write.xid)) {
                    takeOff(write);
                    return true;
                }
                return false;
            });
        }
    }

    private final Pool db;
    private final UsageMetrics metrics;
    private volatile Map<String, Counts> counted = Map.of();
    private volatile TransactionSnapshot lastCount = TransactionSnapshot.NOTHING;
    private final Map<String, Added> added = new ConcurrentHashMap<>();

    public AppUsage(Pool db, MeterRegistry metrics) {
        this.db = db;
        this.metrics = new UsageMetrics(metrics);
    }

    public Counts of(String app) {
        Added mine = added.get(app);
        Counts last = counted.getOrDefault(app, Counts.NONE);
        return mine == null ? last : last.plus(mine.counts());
    }

    void connectionAdmitted(String app) {
        added(app).connectionsInFlight.incrementAndGet();
    }

    /** An admitted connection's row was written in transaction {@code xid}, or not (null: it failed). */
    void connectionSettled(String app, Long xid) {
        Added mine = added(app);
        mine.connectionsInFlight.decrementAndGet();
        written(mine, xid, new Counts(1, 0, 0));
    }

    void storedAdmitted(String app, long bytes) {
        Added mine = added(app);
        mine.messagesInFlight.incrementAndGet();
        mine.bytesInFlight.addAndGet(bytes);
    }

    /** An admitted message was stored in transaction {@code xid}, or not (null: it failed, or was stored before). */
    void storedSettled(String app, long bytes, Long xid) {
        Added mine = added(app);
        mine.messagesInFlight.decrementAndGet();
        mine.bytesInFlight.addAndGet(-bytes);
        written(mine, xid, new Counts(0, 1, bytes));
    }

    private void written(Added mine, Long xid, Counts counts) {
        if (xid == null) {
            return;
        }
        Write write = new Write(xid, counts);
        mine.add(write);
        // a count that ran after the commit has it already (read after adding: a count finishing meanwhile is seen)
        if (lastCount.sees(xid)) {
            mine.takeOff(write);
        }
    }

    private Added added(String app) {
        return added.computeIfAbsent(app, a -> new Added());
    }

    /** Every app's live connections and stored messages, and the snapshot they were counted in (see {@link #refresh}). */
    static final String COUNT = "SELECT 'connections', app, count(*), 0 FROM routing.live_connection GROUP BY app"
        // one lookup by id per pending message (LIMIT keeps the planner from walking every stored row to merge them)
        + " UNION ALL SELECT 'stored', m.app, count(*), coalesce(sum(m.bytes), 0)"
        + " FROM (SELECT DISTINCT message_ref FROM routing.pending_delivery) d, LATERAL (SELECT s.app, octet_length(s.args) AS bytes"
        + " FROM routing.stored_delivery s WHERE s.id = d.message_ref AND s.qos < 2 AND s.expires_at > now() LIMIT 1) m GROUP BY m.app"
        + " UNION ALL SELECT 'stored', app, count(*), coalesce(sum(octet_length(args)), 0) FROM routing.stored_delivery"
        + " WHERE qos = 2 AND expires_at > now() GROUP BY app"
        + " UNION ALL SELECT 'snapshot', pg_current_snapshot()::text, 0, 0";

    /**
     * Counts every app anew, in one statement (one snapshot); the writes it saw are no longer added. A stored message
     * is one kept for a receiver that has not received it yet, or a QoS 2 one kept until its time to live to recognise
     * its message id; a QoS 0/1 one every receiver has is not (it waits for the sweep only to recognise a record read
     * twice). So the count reads the pending rows and the QoS 2 ones, not every delivery of the last minutes.
     */
    @Scheduled(every = "${push.usage-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return db.query(COUNT).execute()
            .invoke(rows -> {
                Map<String, Counts> now = new HashMap<>();
                TransactionSnapshot snapshot = null;
                for (Row row : rows) {
                    switch (row.getString(0)) {
                        case "connections" -> now.merge(row.getString(1), new Counts(row.getLong(2), 0, 0), Counts::plus);
                        case "stored" -> now.merge(row.getString(1), new Counts(0, row.getLong(2), row.getLong(3)), Counts::plus);
                        default -> snapshot = TransactionSnapshot.parse(row.getString(1));
                    }
                }
                TransactionSnapshot seen = snapshot;
                lastCount = seen;
                // taken off before the new count is put in: for a moment too little is counted, never too much
                added.values().forEach(mine -> mine.seenBy(seen));
                counted = now;
                metrics.counted(now);
            })
            .replaceWithVoid();
    }
}
