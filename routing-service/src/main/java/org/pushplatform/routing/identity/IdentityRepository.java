package org.pushplatform.routing.identity;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdentityRepository implements PanacheRepositoryBase<Identity, String> {

    private final Pool db;

    public IdentityRepository(Pool db) {
        this.db = db;
    }

    /**
     * The ref of the identity, seen now; created when new, in one statement (a connect's critical path).
     *
     * @param idleExpiry  how long after its last connection closed it is removed; null: never
     * @param expiryHolds the expiry replaces an existing identity's too (MQTT: each CONNECT says its session's
     *                    expiry); otherwise it is for a new identity only
     */
    public Uni<String> seen(String app, String kind, String id, java.time.Duration idleExpiry, boolean expiryHolds) {
        Integer seconds = idleExpiry == null ? null : (int) Math.min(Integer.MAX_VALUE, idleExpiry.toSeconds());
        return db.preparedQuery("INSERT INTO routing.identity (ref, app, kind, id, created_at, last_seen_at, idle_expiry_seconds)"
                + " VALUES ($1, $2, $3, $4, now(), now(), $5) ON CONFLICT (app, kind, id) DO UPDATE SET last_seen_at = now(),"
                + " idle_expiry_seconds = CASE WHEN $6 THEN EXCLUDED.idle_expiry_seconds ELSE identity.idle_expiry_seconds END"
                + " RETURNING ref")
            .execute(Tuple.tuple(java.util.Arrays.asList(app + "-" + UUID.randomUUID(), app, kind, id, seconds, expiryHolds)))
            .map(rows -> rows.iterator().next().getString(0));
    }

    public Uni<Identity> find(String app, String kind, String id) {
        return find("app = ?1 and kind = ?2 and id = ?3", app, kind, id).firstResult();
    }
}
