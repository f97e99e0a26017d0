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

    /** Partitions of push.in.routing and push.route when routing creates them: the most routing instances that share work. */
    @WithDefault("12")
    int partitions();
}
