package org.pushplatform.routing.app;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant: topics, aliases and sessions never cross apps. */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String appkey;

    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Quotas of this app; null: the platform's default. */
    @Column(name = "max_connections")
    public Integer maxConnections;

    @Column(name = "max_stored_messages")
    public Long maxStoredMessages;

    @Column(name = "max_stored_bytes")
    public Long maxStoredBytes;

    /** connect_v2 must be signed with the secret (see {@link ConnectSignature}). */
    @Column(name = "signed_connect", nullable = false)
    public boolean signedConnect;
}
