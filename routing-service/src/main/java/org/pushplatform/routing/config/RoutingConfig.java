package org.pushplatform.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code push.}; each can be overridden by the environment variable in brackets. */
@ConfigMapping(prefix = "push")
public interface RoutingConfig {

    /** Bearer token of the admin REST API ({@code PUSH_ADMIN_TOKEN}). */
    String adminToken();

    /** Appkey of the demo app created on first start ({@code PUSH_DEMO_APPKEY}). */
    @WithDefault("52fcc04c4dc903d66d6f8f92")
    String demoAppkey();

    /** How often gateway nodes that stopped sending heartbeats are looked for ({@code PUSH_LIVENESS_CHECK}). */
    @WithDefault("5s")
    java.time.Duration livenessCheck();

    /** Prefix of every Kafka topic ({@code PUSH_TOPIC_PREFIX}). */
    @WithDefault("push.")
    String topicPrefix();

    /**
     * How long after its last connection closed a pubsub session opened without a customid is removed, with its
     * subscriptions and stored messages: nobody can come back to it ({@code PUSH_ANONYMOUS_SESSION_EXPIRY}).
     */
    @WithDefault("10m")
    java.time.Duration anonymousSessionExpiry();

    /**
     * How long after its last connection closed any other pubsub session is removed; unset, never
     * ({@code PUSH_SESSION_EXPIRY}).
     */
    java.util.Optional<java.time.Duration> sessionExpiry();

    /** How often expired sessions are looked for ({@code PUSH_IDENTITY_SWEEP}); read by the sweeper's schedule. */
    @WithDefault("60s")
    java.time.Duration identitySweep();

    /**
     * How often stored deliveries that expired or were received are dropped ({@code PUSH_MESSAGE_SWEEP}), in steps;
     * read by the sweeper's schedule. {@code off} stops it (tests that run it themselves).
     */
    @WithDefault("10s")
    String messageSweep();

    /**
     * A stored delivery a connected identity has not received this long after it was stored (or last sent again)
     * is sent again: its record may have been lost on the way ({@code PUSH_RESEND_AFTER}).
     */
    @WithDefault("30s")
    java.time.Duration resendAfter();

    /** How often overdue stored deliveries are looked for ({@code PUSH_RESEND_CHECK}); read by the resender's schedule. */
    @WithDefault("15s")
    java.time.Duration resendCheck();

    /** Most topics one pubsub session may subscribe to ({@code PUSH_MAX_SUBSCRIPTIONS_PER_SESSION}). */
    @WithDefault("1000")
    int maxSubscriptionsPerSession();

    /**
     * Copies of each topic this service creates: 1 on one broker, 3 in production ({@code PUSH_TOPIC_REPLICATION_FACTOR}).
     */
    @WithDefault("1")
    short topicReplicationFactor();

    /**
     * The most bytes of records for gateway nodes and the repartition step this instance holds while Kafka has not
     * acknowledged them; past it no more records are read until Kafka has taken enough ({@code PUSH_ROUTING_MAX_OUTBOUND_BYTES},
     * 64 MiB).
     */
    @WithDefault("67108864")
    long maxOutboundBytes();

    /**
     * Copies a write must reach before it counts, for the topics this service creates: 1 on one broker, 2 in
     * production with 3 copies ({@code PUSH_TOPIC_MIN_INSYNC_REPLICAS}).
     */
    @WithDefault("1")
    int topicMinInsyncReplicas();

    /**
     * How long the broker keeps client frames on {@code push.in.*} ({@code PUSH_INBOUND_RETENTION}): they carry client
     * credentials (device signatures, push tokens) and matter only until handled.
     */
    @WithDefault("1h")
    java.time.Duration inboundRetention();

    /** Quotas of an app that sets none of its own. */
    AppQuotaDefaults appQuotaDefaults();

    /** Quotas of an app that sets none of its own ({@code PUSH_APP_QUOTA_DEFAULTS_*}). */
    interface AppQuotaDefaults {

        /** Live connections of the app, over every API and node. */
        @WithDefault("100000")
        int maxConnections();

        /** Stored (QoS 1 and 2) messages the app keeps at once. */
        @WithDefault("1000000")
        long maxStoredMessages();

        /** Bytes of the arguments of its stored messages (1 GiB). */
        @WithDefault("1073741824")
        long maxStoredBytes();
    }

    /** How often each app's connections and stored messages are counted anew ({@code PUSH_USAGE_REFRESH}). */
    @WithDefault("5s")
    java.time.Duration usageRefresh();

    /**
     * A gateway node with no consumer and no heartbeat this long is gone for good: its delivery topic and consumer
     * group are deleted ({@code PUSH_GONE_NODE_GRACE}; looked for every {@code PUSH_GONE_NODE_CHECK}, 5m).
     */
    @WithDefault("1h")
    java.time.Duration goneNodeGrace();

    /** Partitions of push.in.routing and push.route when routing creates them: the most routing instances that share work. */
    @WithDefault("12")
    int partitions();
}
