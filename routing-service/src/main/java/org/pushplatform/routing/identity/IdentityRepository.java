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
    public Uni<Identity> findOrCreate(String app, String kind, String id) {
        return find(app, kind, id).onItem().ifNull().switchTo(() -> {
            Identity identity = new Identity();
            identity.ref = app + "-" + UUID.randomUUID();
            identity.app = app;
            identity.kind = kind;
            identity.id = id;
            identity.createdAt = OffsetDateTime.now();
            return persist(identity);
        });
    }
}
