package org.pushplatform.iot.inbound;

import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pushplatform.contract.Topics;
import org.pushplatform.iot.config.IotConfig;
import org.pushplatform.service.ServiceTopics;

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
        ServiceTopics.create(bootstrapServers, config, topics.inbound("iot"), List.of(topics.commands() + ".iot", topics.events("iot")));
    }
}
