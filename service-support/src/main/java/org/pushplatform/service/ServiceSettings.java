package org.pushplatform.service;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The settings under {@code push.} every domain service reads alike; each service's config mapping extends this and
 * adds its own section. Each can be overridden by the environment variable in brackets.
 */
public interface ServiceSettings {

    /** Bearer token of the admin REST API ({@code PUSH_ADMIN_TOKEN}), the same as routing's. */
    String adminToken();

    /** Prefix of every Kafka topic ({@code PUSH_TOPIC_PREFIX}). */
    @WithDefault("push.")
    String topicPrefix();

    /** Partitions of the service's inbound topic when the service creates it ({@code PUSH_<SERVICE>_PARTITIONS}). */
    @WithDefault("12")
    int partitions();

    /** Copies of each topic the service creates ({@code PUSH_TOPIC_REPLICATION_FACTOR}). */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Copies a write must reach, for the topics the service creates ({@code PUSH_TOPIC_MIN_INSYNC_REPLICAS}). */
    @WithDefault("1")
    int topicMinInsyncReplicas();

    /**
     * How long the broker keeps client frames on {@code push.in.*} ({@code PUSH_INBOUND_RETENTION}): they carry client
     * credentials (device signatures, push and chat tokens) and matter only until handled.
     */
    @WithDefault("1h")
    Duration inboundRetention();
}
