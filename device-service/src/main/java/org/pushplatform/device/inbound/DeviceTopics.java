package org.pushplatform.device.inbound;

import java.util.Map;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.service.TopicAdmin;

/**
 * Makes sure {@code push.in.device} (devices are spread over its partitions) and {@code push.events.device} exist
 * before the consumers start; an existing topic keeps its partitions.
 */
@ApplicationScoped
public class DeviceTopics {

    private static final Logger LOG = Logger.getLogger(DeviceTopics.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, DeviceConfig config,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(topics.inbound("device"), config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas(), config.inboundRetention()));
            for (String topic : new String[] {topics.events("device"), topics.deliveryOutcomes()}) {
                TopicAdmin.create(admin, TopicAdmin.newTopic(topic, config.partitions(), config.topicReplicationFactor(),
                    config.topicMinInsyncReplicas()));
            }
            LOG.infof("[device] devices are spread over %d partitions", TopicAdmin.partitionCount(admin, topics.inbound("device")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the device topics", e);
        }
    }
}
