package org.pushplatform.chat.inbound;

import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.Topics;
import org.pushplatform.service.ServiceTopics;

/** Makes sure {@code push.in.chat} (accounts are spread over its partitions) and {@code push.events.chat} exist. */
@ApplicationScoped
public class ChatTopics {

    private static final Logger LOG = Logger.getLogger(ChatTopics.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, ChatConfig config,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        int partitions = ServiceTopics.create(bootstrapServers, config, topics.inbound(ChatApi.API), List.of(topics.events(ChatApi.API)));
        LOG.infof("[chat] accounts are spread over %d partitions", partitions);
    }
}
