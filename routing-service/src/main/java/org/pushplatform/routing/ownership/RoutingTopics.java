package org.pushplatform.routing.ownership;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.service.TopicAdmin;

/**
 * Makes sure {@code push.in.routing}, {@code push.route} and {@code push.route.internal} exist with the same number
 * of partitions before the consumers start (an existing {@code push.in.routing} keeps its count), and tells
 * {@link IdentityPartitions} the count. Also makes {@code push.events.deliveries}, so that it can be read at once, and
 * {@code push.in.iot}, which it writes MQTT clients' IoT uplinks to.
 */
@ApplicationScoped
public class RoutingTopics {

    private static final Logger LOG = Logger.getLogger(RoutingTopics.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, RoutingConfig config,
                 IdentityPartitions partitions, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(topics.inbound("routing"), config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas(), config.inboundRetention()));
            int count = TopicAdmin.partitionCount(admin, topics.inbound("routing"));
            for (String copartitioned : List.of(topics.route(), topics.repartition())) {
                TopicAdmin.create(admin, newTopic(copartitioned, count, config));
                int copartitionedCount = TopicAdmin.partitionCount(admin, copartitioned);
                if (copartitionedCount != count) {
                    throw new IllegalStateException(copartitioned + " has " + copartitionedCount + " partitions and "
                        + topics.inbound("routing") + " " + count + ": they must have the same count");
                }
            }
            // other teams may subscribe to outcomes before the first one is written
            TopicAdmin.create(admin, newTopic(topics.deliveryOutcomes(), count, config));
            // MQTT clients' /sys/ uplinks go there, whether or not iot-service has started yet
            TopicAdmin.create(admin, TopicAdmin.inboundTopic(topics.inbound("iot"), config.partitions(), config.topicReplicationFactor(),
                config.topicMinInsyncReplicas(), config.inboundRetention()));
            partitions.setCount(count);
            LOG.infof("[routing] identities, topics and rooms are spread over %d partitions", count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the routing topics", e);
        }
    }

    /** A topic as routing creates it: with the configured copies and the copies a write must reach. */
    static NewTopic newTopic(String name, int partitions, RoutingConfig config) {
        return TopicAdmin.newTopic(name, partitions, config.topicReplicationFactor(), config.topicMinInsyncReplicas());
    }
}
