package org.pushplatform.device.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code push.}; each can be overridden by the environment variable in brackets. */
@ConfigMapping(prefix = "push")
public interface DeviceConfig {

    /** Bearer token of the admin REST API ({@code PUSH_ADMIN_TOKEN}). */
    String adminToken();

    /** Prefix of every Kafka topic ({@code PUSH_TOPIC_PREFIX}). */
    @WithDefault("push.")
    String topicPrefix();

    /** Partitions of {@code push.in.device} when device-service creates it ({@code PUSH_DEVICE_PARTITIONS}). */
    @WithDefault("12")
    int partitions();

    /** Copies of each topic this service creates ({@code PUSH_TOPIC_REPLICATION_FACTOR}). */
    @WithDefault("1")
    short topicReplicationFactor();

    /** Copies a write must reach, for the topics this service creates ({@code PUSH_TOPIC_MIN_INSYNC_REPLICAS}). */
    @WithDefault("1")
    int topicMinInsyncReplicas();

    /**
     * How long the broker keeps client frames on {@code push.in.*} ({@code PUSH_INBOUND_RETENTION}): they carry client
     * credentials (device signatures, push tokens) and matter only until handled.
     */
    @WithDefault("1h")
    java.time.Duration inboundRetention();

    Device device();

    /** The device API's rules. */
    interface Device {

        /** How long a device has to ack a command before the attempt times out ({@code PUSH_DEVICE_ACK_TIMEOUT}). */
        @WithDefault("10s")
        Duration ackTimeout();

        /** Attempts of a command before it ends TIMEOUT ({@code PUSH_DEVICE_MAX_ATTEMPTS}). */
        @WithDefault("3")
        int maxAttempts();

        /** How long a command waits for its device before it ends EXPIRED ({@code PUSH_DEVICE_COMMAND_TTL}). */
        @WithDefault("1d")
        Duration commandTtl();

        /** Commands sent to one device and not yet answered, at most: the rest wait, in order. */
        @WithDefault("8")
        int inFlightPerDevice();

        /** Open (queued or sent) commands one device may have; more are refused. */
        @WithDefault("1000")
        int maxOpenPerDevice();

        /**
         * A sent command is taken for timed out this long after its ack timeout when no outcome came (its connection
         * died with its node, or device-service restarted meanwhile).
         */
        @WithDefault("15s")
        Duration lostOutcomeGrace();

        /** How far an HMAC signature's timestamp may be from this server's clock. */
        @WithDefault("5m")
        Duration signatureMaxSkew();

        /** How often lost outcomes and expired commands are looked for ({@code PUSH_DEVICE_SWEEP}); read by the sweeper's schedule. */
        @WithDefault("1s")
        Duration sweep();

        /** The longest {@code ?wait=} a REST call may ask for. */
        @WithDefault("60s")
        Duration maxWait();
    }
}
