package org.pushplatform.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Makes the topics a service reads before its consumers start, as every service makes them. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** A topic with the configured copies and the copies a write must reach. */
    public static NewTopic newTopic(String name, int partitions, short replicationFactor, int minInsyncReplicas) {
        return new NewTopic(name, partitions, replicationFactor).configs(Map.of("min.insync.replicas", String.valueOf(minInsyncReplicas)));
    }

    /** Creates the topic unless it exists (an existing one keeps its partitions). */
    public static void create(Admin admin, NewTopic newTopic) throws InterruptedException {
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

    /** A topic's partitions; a topic just created may take a moment to be known to the broker's metadata. */
    public static int partitionCount(Admin admin, String topic) throws InterruptedException {
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
