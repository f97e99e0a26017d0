package org.pushplatform.gateway.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.gateway.config.GatewayConfig;

/** Creates this node's delivery topic at start, with short retention: a node that goes away abandons it. */
@ApplicationScoped
public class DeliveryTopicCreator {

    private static final Logger LOG = Logger.getLogger(DeliveryTopicCreator.class);

    void onStart(@Observes StartupEvent event, GatewayConfig config,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) throws InterruptedException {
        String topic = new Topics(config.topicPrefix()).gateway(config.nodeId());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic newTopic = new NewTopic(topic, 1, config.topicReplicationFactor())
                .configs(Map.of("retention.ms", String.valueOf(config.deliveryRetentionMs()),
                    "min.insync.replicas", String.valueOf(config.topicMinInsyncReplicas())));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("[%s] created delivery topic %s", config.nodeId(), topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create delivery topic " + topic, e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s while creating " + topic, e);
        }
    }
}
