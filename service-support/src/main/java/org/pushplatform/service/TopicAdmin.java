package org.pushplatform.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Makes the topics a service reads before its consumers start, as every service makes them. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** A topic with the configured copies and the copies a write must reach. */
    public static NewTopic newTopic(String name, int partitions, short replicationFactor, int minInsyncReplicas) {
        return new NewTopic(name, partitions, replicationFactor).configs(Map.of("min.insync.replicas", String.valueOf(minInsyncReplicas)));
    }

    /**
     * A topic of client frames ({@code push.in.<service>}): they carry client credentials (device signatures, push
     * tokens) and are worth nothing once handled, so they are kept only {@code retention}.
     */
    public static NewTopic inboundTopic(String name, int partitions, short replicationFactor, int minInsyncReplicas, Duration retention) {
        Map<String, String> configs = new HashMap<>(newTopic(name, partitions, replicationFactor, minInsyncReplicas).configs());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    /**
     * Creates the topic unless it exists (an existing one keeps its partitions); a retention the topic is made with is
     * set on an existing one too, so that an upgrade shortens it.
     */
    public static void create(Admin admin, NewTopic newTopic) throws InterruptedException {
        String topic = newTopic.name();
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e.getCause());
            }
            String retention = newTopic.configs() == null ? null : newTopic.configs().get(TopicConfig.RETENTION_MS_CONFIG);
            if (retention != null) {
                keepFor(admin, topic, retention);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating " + topic, e);
        }
    }

    private static void keepFor(Admin admin, String topic, String retentionMs) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs), AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot set the retention of " + topic, e);
        }
    }

    /** A topic's partitions; a topic just created may take a moment to be known to the broker's metadata. */
    public static int partitionCount(Admin admin, String topic) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            } catch (ExecutionException | TimeoutException e) {
                if (attempt == 50) {
                    throw new IllegalStateException("cannot describe " + topic, e);
                }
                Thread.sleep(200);
            }
        }
    }
}
