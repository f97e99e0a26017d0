package org.pushplatform.routing.quota;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What each app uses: its live connections and stored messages as PostgreSQL counted them at the last refresh
 * (every {@code push.usage-refresh}), plus what this instance admitted since (in flight or written), so that a burst between two counts is
 * held to the quota too. Other instances' additions show at the next count: a quota may be passed by what all
 * instances add within one refresh.
 */
@ApplicationScoped
public class AppUsage {

    /** One app's usage. */
    public record Counts(long connections, long storedMessages, long storedBytes) {
        static final Counts NONE = new Counts(0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(connections + other.connections, storedMessages + other.storedMessages, storedBytes + other.storedBytes);
        }

        Counts minus(Counts other) {
            return new Counts(connections - other.connections, storedMessages - other.storedMessages, storedBytes - other.storedBytes);
        }
    }

    /**
     * What this instance added to one app: admitted and not yet written (in flight), and written since the last count
     * began. A count sees what was written before it, never what is in flight, so the two are kept apart: only the
     * written part is taken off when a count comes in.
     */
    private static final class Added {
        final AtomicLong connectionsInFlight = new AtomicLong();
        final AtomicLong messagesInFlight = new AtomicLong();
        final AtomicLong bytesInFlight = new AtomicLong();
        final AtomicLong connectionsWritten = new AtomicLong();
        final AtomicLong messagesWritten = new AtomicLong();
        final AtomicLong bytesWritten = new AtomicLong();

        Counts counts() {
            return new Counts(connectionsInFlight.get() + connectionsWritten.get(), messagesInFlight.get() + messagesWritten.get(),
                bytesInFlight.get() + bytesWritten.get());
        }

        Counts written() {
            return new Counts(connectionsWritten.get(), messagesWritten.get(), bytesWritten.get());
        }

        void subtractWritten(Counts counted) {
            connectionsWritten.addAndGet(-counted.connections());
            messagesWritten.addAndGet(-counted.storedMessages());
            bytesWritten.addAndGet(-counted.storedBytes());
        }
    }

    private final Pool db;
    private volatile Map<String, Counts> counted = Map.of();
    private final Map<String, Added> added = new ConcurrentHashMap<>();

    public AppUsage(Pool db) {
        this.db = db;
    }

    public Counts of(String app) {
        Added mine = added.get(app);
        Counts last = counted.getOrDefault(app, Counts.NONE);
        return mine == null ? last : last.plus(mine.counts());
    }

    void connectionAdmitted(String app) {
        added(app).connectionsInFlight.incrementAndGet();
    }

    /** An admitted connection's row was written, or not (it failed). */
    void connectionSettled(String app, boolean written) {
        Added mine = added(app);
        mine.connectionsInFlight.decrementAndGet();
        if (written) {
            mine.connectionsWritten.incrementAndGet();
        }
    }

    void storedAdmitted(String app, long bytes) {
        Added mine = added(app);
        mine.messagesInFlight.incrementAndGet();
        mine.bytesInFlight.addAndGet(bytes);
    }

    /** An admitted message was stored, or not (it failed, or was stored before). */
    void storedSettled(String app, long bytes, boolean written) {
        Added mine = added(app);
        mine.messagesInFlight.decrementAndGet();
        mine.bytesInFlight.addAndGet(-bytes);
        if (written) {
            mine.messagesWritten.incrementAndGet();
            mine.bytesWritten.addAndGet(bytes);
        }
    }

    private Added added(String app) {
        return added.computeIfAbsent(app, a -> new Added());
    }

    /** Counts every app anew; what was added here before the count began is in it now. */
    @Scheduled(every = "${push.usage-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        // written before the count begins: in it now (what is written meanwhile may be counted twice until the next)
        Map<String, Counts> addedBefore = new HashMap<>();
        added.forEach((app, mine) -> addedBefore.put(app, mine.written()));
        return db.query("SELECT app, count(*) FROM routing.live_connection GROUP BY app").execute()
            .flatMap(connections -> db.query("SELECT app, count(*), coalesce(sum(octet_length(args)), 0) FROM routing.stored_delivery"
                + " WHERE expires_at > now() GROUP BY app").execute().map(stored -> {
                    Map<String, Counts> now = new HashMap<>();
                    for (Row row : connections) {
                        now.merge(row.getString(0), new Counts(row.getLong(1), 0, 0), Counts::plus);
                    }
                    for (Row row : stored) {
                        now.merge(row.getString(0), new Counts(0, row.getLong(1), row.getLong(2)), Counts::plus);
                    }
                    return now;
                }))
            .invoke(now -> {
                counted = now;
                addedBefore.forEach((app, before) -> added.get(app).subtractWritten(before));
            })
            .replaceWithVoid();
    }
}
