package org.pushplatform.routing.ownership;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Makes sure {@code push.in.routing}, {@code push.route} and {@code push.route.internal} exist with the same number
 * of partitions before the consumers start (an existing {@code push.in.routing} keeps its count), and tells
 * {@link IdentityPartitions} the count. Also makes {@code push.events.deliveries}, so that it can be read at once.
 */
@ApplicationScoped
public class RoutingTopics {

    private static final Logger LOG = Logger.getLogger(RoutingTopics.class);

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, RoutingConfig config,
                 IdentityPartitions partitions, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Topics topics = new Topics(config.topicPrefix());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            create(admin, newTopic(topics.inbound("routing"), config.partitions(), config));
            int count = partitionCount(admin, topics.inbound("routing"));
            for (String copartitioned : List.of(topics.route(), topics.repartition())) {
                create(admin, newTopic(copartitioned, count, config));
                int copartitionedCount = partitionCount(admin, copartitioned);
                if (copartitionedCount != count) {
                    throw new IllegalStateException(copartitioned + " has " + copartitionedCount + " partitions and "
                        + topics.inbound("routing") + " " + count + ": they must have the same count");
                }
            }
            // other teams may subscribe to outcomes before the first one is written
            create(admin, newTopic(topics.deliveryOutcomes(), count, config));
            partitions.setCount(count);
            LOG.infof("[routing] identities, topics and rooms are spread over %d partitions", count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the routing topics", e);
        }
    }

    /** A topic as routing creates it: with the configured copies and the copies a write must reach. */
    static NewTopic newTopic(String name, int partitions, RoutingConfig config) {
        return new NewTopic(name, partitions, config.topicReplicationFactor())
            .configs(Map.of("min.insync.replicas", String.valueOf(config.topicMinInsyncReplicas())));
    }

    private static void create(Admin admin, NewTopic newTopic) throws InterruptedException {
        String topic = newTopic.name();
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating " + topic, e);
        }
    }

    /** A topic just created may take a moment to be known to the broker's metadata. */
    private static int partitionCount(Admin admin, String topic) throws InterruptedException {
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
