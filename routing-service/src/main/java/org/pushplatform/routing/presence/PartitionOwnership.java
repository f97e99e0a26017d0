package org.pushplatform.routing.presence;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.ownership.IdentityPartitions;
import org.pushplatform.routing.config.RoutingConfig;





/**
 * Follows Kafka's assignment of {@code push.in.routing}: on assignment the live connections of the new partitions'
 * sessions are loaded from PostgreSQL before their first record is read; on revocation they are dropped from memory.
 * Runs on the consumer's polling thread, where waiting is allowed.
 */
@ApplicationScoped
@Identifier("routing-ownership")
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final IdentityPartitions partitions;
    private final ConnectionRegistry connections;
    private final LiveConnectionStore liveConnections;
    private final GatewayLiveness liveness;
    private final String inboundTopic;

    public PartitionOwnership(IdentityPartitions partitions, ConnectionRegistry connections, LiveConnectionStore liveConnections,
                              GatewayLiveness liveness, RoutingConfig config, MeterRegistry metrics) {
        metrics.gauge("push_routing_owned_partitions", partitions, owned -> owned.owned().size());
        metrics.gauge("push_routing_live_connections", connections, ConnectionRegistry::size);
        this.partitions = partitions;
        this.connections = connections;
        this.liveConnections = liveConnections;
        this.liveness = liveness;
        this.inboundTopic = new Topics(config.topicPrefix()).inbound("routing");
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        Set<Integer> gained = sessionPartitions(assigned);
        if (gained.isEmpty()) {
            return;
        }
        List<ClientConnection> live = liveConnections.ofPartitions(gained).await().atMost(LOAD_TIMEOUT);
        connections.restore(live);
        live.stream().map(ClientConnection::nodeId).distinct().forEach(liveness::expect);
        partitions.assigned(gained);
        LOG.infof("[routing] now owns partitions %s (%d live connections taken over)", partitions.owned(), live.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        Set<Integer> lost = sessionPartitions(revoked);
        partitions.revoked(lost);
        connections.forget(lost);
        if (!lost.isEmpty()) {
            LOG.infof("[routing] gave up partitions %s", lost);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        onPartitionsRevoked(consumer, lost);
    }

    private Set<Integer> sessionPartitions(Collection<TopicPartition> topicPartitions) {
        return topicPartitions.stream().filter(tp -> tp.topic().equals(inboundTopic)).map(TopicPartition::partition)
            .collect(Collectors.toSet());
    }
}
