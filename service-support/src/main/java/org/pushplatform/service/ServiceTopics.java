package org.pushplatform.service;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What every domain service makes at start, before its consumers: its inbound topic of client frames (kept only
 * {@link ServiceSettings#inboundRetention()}) and the other topics it reads or writes, each with the configured
 * partitions and copies; an existing topic keeps its partitions.
 */
public final class ServiceTopics {

    private ServiceTopics() {
    }

    /** @return the partitions of the inbound topic, as it is now */
    public static int create(String bootstrapServers, ServiceSettings config, String inboundTopic, List<String> otherTopics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(inboundTopic, config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas(), config.inboundRetention()));
            for (String topic : otherTopics) {
                TopicAdmin.create(admin, TopicAdmin.newTopic(topic, config.partitions(), config.topicReplicationFactor(),
                    config.topicMinInsyncReplicas()));
            }
            return TopicAdmin.partitionCount(admin, inboundTopic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + inboundTopic + " and " + otherTopics, e);
        }
    }
}
