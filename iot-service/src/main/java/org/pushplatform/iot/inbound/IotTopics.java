package org.pushplatform.iot.inbound;

import java.util.Map;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pushplatform.contract.Topics;
import org.pushplatform.iot.config.IotConfig;
import org.pushplatform.service.TopicAdmin;

/**
 * Makes sure {@code push.in.iot} (uplinks, spread over its partitions by device), {@code push.commands.iot} (other
 * teams' device changes) and {@code push.events.iot} exist before the consumers start; an existing topic keeps its
 * partitions.
 */
@ApplicationScoped
public class IotTopics {

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, IotConfig config,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(topics.inbound("iot"), config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas(), config.inboundRetention()));
            for (String topic : new String[] {topics.commands() + ".iot", topics.events("iot")}) {
                TopicAdmin.create(admin, TopicAdmin.newTopic(topic, config.partitions(), config.topicReplicationFactor(),
                    config.topicMinInsyncReplicas()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the iot topics", e);
        }
    }
}
