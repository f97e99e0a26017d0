package org.pushplatform.routing.pubsub;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A pubsub session: appkey + customid, stable across reconnects. */
@Entity
@Table(name = "pubsub_session")
public class PubsubSession extends PanacheEntityBase {

    @Id
    @Column(name = "session_id")
    public String sessionId;

    @Column(nullable = false)
    public String appkey;

    @Column(nullable = false)
    public String customid;

    public String alias;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
