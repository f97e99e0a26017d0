package org.pushplatform.device.inbound;

import java.util.List;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.service.ServiceTopics;

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
        int partitions = ServiceTopics.create(bootstrapServers, config, topics.inbound("device"),
            List.of(topics.events("device"), topics.deliveryOutcomes()));
        LOG.infof("[device] devices are spread over %d partitions", partitions);
    }
}
