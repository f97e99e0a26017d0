package org.pushplatform.routing.identity;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Someone a delivery can be addressed to: (app, kind, id), e.g. a pubsub session (kind session, id its customid)
 * or a device (kind device, id its serial). Its {@code ref} is stable across reconnects (pubsub's session id).
 */
@Entity
@Table(name = "identity")
public class Identity extends PanacheEntityBase {

    @Id
    public String ref;

    @Column(nullable = false)
    public String app;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String id;

    /** A second name it is reached by: the app's alias space, shared by pubsub and push-server. */
    public String alias;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Removed this long after its last connection closed; null: never. */
    @Column(name = "idle_expiry_seconds")
    public Integer idleExpirySeconds;

    /** When it was last bound, or when its last connection closed. */
    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;
}
