package org.pushplatform.gateway.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The partition a keyed record lands in on an inbound topic, as Kafka's default partitioner places it, once the
 * topic's partition count is known (asked of Kafka in the background: never on a Netty thread). Until then, and for
 * a topic that does not exist yet (its service creates it), null: the record is sent keyed, unbatched.
 */
@ApplicationScoped
public class InboundPartitions {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> asking = new ConcurrentHashMap<>();
    private final Admin admin;

    public InboundPartitions(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @return the partition of {@code key} on {@code topic}, or null while the topic's partition count is unknown */
    public Integer partitionOf(String topic, String key) {
        Integer count = counts.get(topic);
        if (count == null) {
            ask(topic);
            return null;
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % count;
    }

    private void ask(String topic) {
        if (asking.putIfAbsent(topic, true) != null) {
            return;
        }
        admin.describeTopics(List.of(topic)).allTopicNames().whenComplete((described, failure) -> {
            if (failure == null && described.containsKey(topic)) {
                counts.put(topic, described.get(topic).partitions().size());
            }
            asking.remove(topic);
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        admin.close();
    }
}
