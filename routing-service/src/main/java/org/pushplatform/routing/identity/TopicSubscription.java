package org.pushplatform.routing.identity;

import java.io.Serializable;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One identity's durable subscription to one topic of its app. */
@Entity
@Table(name = "topic_subscription")
@IdClass(TopicSubscription.Key.class)
public class TopicSubscription extends PanacheEntityBase {

    @Id
    public String app;

    @Id
    public String topic;

    @Id
    @Column(name = "identity_ref")
    public String identityRef;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The primary key: app, topic and identity. */
    public record Key(String app, String topic, String identityRef) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
