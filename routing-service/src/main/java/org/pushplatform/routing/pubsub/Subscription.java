package org.pushplatform.routing.pubsub;

import java.io.Serializable;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One session's subscription to one topic of its app. */
@Entity
@Table(name = "subscription")
@IdClass(Subscription.Key.class)
public class Subscription extends PanacheEntityBase {

    @Id
    public String appkey;

    @Id
    public String topic;

    @Id
    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The primary key: app, topic and session. */
    public record Key(String appkey, String topic, String sessionId) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
