package org.pushplatform.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code push.}; each can be overridden by the environment variable in brackets. */
@ConfigMapping(prefix = "push")
public interface ChatConfig {

    /** Bearer token of the admin REST API ({@code PUSH_ADMIN_TOKEN}). */
    String adminToken();

    /** Prefix of every Kafka topic ({@code PUSH_TOPIC_PREFIX}). */
    @WithDefault("push.")
    String topicPrefix();

    /** Partitions of {@code push.in.chat} when chat-service creates it ({@code PUSH_CHAT_PARTITIONS}). */
    @WithDefault("12")
    int partitions();

    /** Copies of each topic this service creates ({@code PUSH_TOPIC_REPLICATION_FACTOR}). */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Copies a write must reach, for the topics this service creates ({@code PUSH_TOPIC_MIN_INSYNC_REPLICAS}). */
    @WithDefault("1")
    int topicMinInsyncReplicas();

    /** How long the broker keeps client frames on {@code push.in.chat}: they carry client tokens ({@code PUSH_INBOUND_RETENTION}). */
    @WithDefault("1h")
    Duration inboundRetention();

    Chat chat();

    /** The chat API's rules. */
    interface Chat {

        /** How long a minted client token is valid unless the admin call says ({@code PUSH_CHAT_TOKEN_TTL}). */
        @WithDefault("30d")
        Duration tokenTtl();

        /** The longest text a message may carry, in characters ({@code PUSH_CHAT_MAX_MESSAGE_CHARS}). */
        @WithDefault("20000")
        int maxMessageChars();
    }
}
