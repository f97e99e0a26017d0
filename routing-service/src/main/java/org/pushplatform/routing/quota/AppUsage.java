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
 * (every {@code push.usage-refresh}), plus what this instance added since, so that a burst between two counts is
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

    /** What this instance added to one app since the last count. */
    private static final class Added {
        final AtomicLong connections = new AtomicLong();
        final AtomicLong storedMessages = new AtomicLong();
        final AtomicLong storedBytes = new AtomicLong();

        Counts counts() {
            return new Counts(connections.get(), storedMessages.get(), storedBytes.get());
        }

        void subtract(Counts counted) {
            connections.addAndGet(-counted.connections());
            storedMessages.addAndGet(-counted.storedMessages());
            storedBytes.addAndGet(-counted.storedBytes());
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

    void connectionAdded(String app) {
        added(app).connections.incrementAndGet();
    }

    void stored(String app, long bytes) {
        Added mine = added(app);
        mine.storedMessages.incrementAndGet();
        mine.storedBytes.addAndGet(bytes);
    }

    private Added added(String app) {
        return added.computeIfAbsent(app, a -> new Added());
    }

    /** Counts every app anew; what was added here before the count began is in it now. */
    @Scheduled(every = "${push.usage-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        Map<String, Counts> addedBefore = new HashMap<>();
        added.forEach((app, mine) -> addedBefore.put(app, mine.counts()));
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
                addedBefore.forEach((app, before) -> added.get(app).subtract(before));
            })
            .replaceWithVoid();
    }
}
