package org.pushplatform.routing.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdentityRepository implements PanacheRepositoryBase<Identity, String> {

    public Uni<Identity> find(String app, String kind, String id) {
        return find("app = ?1 and kind = ?2 and id = ?3", app, kind, id).firstResult();
    }

    /** The identity, made now if it is new; its ref is {@code <app>-<uuid>}. Call inside a transaction. */
    /**
     * The identity, seen now; created when new.
     *
     * @param idleExpiry for a new one, how long after its last connection closed it is removed; null: never
     */
    public Uni<Identity> findOrCreate(String app, String kind, String id, java.time.Duration idleExpiry) {
        return find(app, kind, id).onItem().ifNotNull().invoke(found -> found.lastSeenAt = OffsetDateTime.now())
            .onItem().ifNull().switchTo(() -> {
                Identity identity = new Identity();
                identity.ref = app + "-" + UUID.randomUUID();
                identity.app = app;
                identity.kind = kind;
                identity.id = id;
                identity.createdAt = OffsetDateTime.now();
                identity.lastSeenAt = identity.createdAt;
                identity.idleExpirySeconds = idleExpiry == null ? null : (int) Math.min(Integer.MAX_VALUE, idleExpiry.toSeconds());
                return persist(identity);
            });
    }
}
