package org.pushplatform.chat.inbound;

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
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.Topics;
import org.pushplatform.service.TopicAdmin;

/** Makes sure {@code push.in.chat} (accounts are spread over its partitions) and {@code push.events.chat} exist. */
@ApplicationScoped
public class ChatTopics {

    private static final Logger LOG = Logger.getLogger(ChatTopics.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, ChatConfig config,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(topics.inbound(ChatApi.API), config.partitions(),
                config.topicReplicationFactor(), config.topicMinInsyncReplicas(), config.inboundRetention()));
            TopicAdmin.create(admin, TopicAdmin.newTopic(topics.events(ChatApi.API), config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas()));
            LOG.infof("[chat] accounts are spread over %d partitions", TopicAdmin.partitionCount(admin, topics.inbound(ChatApi.API)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the chat topics", e);
        }
    }
}
