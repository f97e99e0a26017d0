package org.pushplatform.routing.presence;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
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
 * sessions are loaded from PostgreSQL before their first record is read, and what is left to read of their
 * repartition backlog is noted; on revocation they are dropped from memory. Runs on the consumer's polling thread,
 * where waiting is allowed.
 */
@ApplicationScoped
@Identifier("routing-ownership")
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final IdentityPartitions partitions;
    private final ConnectionRegistry connections;
    private final LiveConnectionStore liveConnections;
    private final GatewayLiveness liveness;
    private final String inboundTopic;
    private final String repartitionTopic;
    private final Counter retries;
    private volatile boolean takingOver;

    public PartitionOwnership(IdentityPartitions partitions, ConnectionRegistry connections, LiveConnectionStore liveConnections,
                              GatewayLiveness liveness, RoutingConfig config, MeterRegistry metrics) {
        metrics.gauge("push_routing_owned_partitions", partitions, owned -> owned.owned().size());
        metrics.gauge("push_routing_live_connections", connections, ConnectionRegistry::size);
        this.partitions = partitions;
        this.connections = connections;
        this.liveConnections = liveConnections;
        this.liveness = liveness;
        Topics topics = new Topics(config.topicPrefix());
        this.inboundTopic = topics.inbound("routing");
        this.repartitionTopic = topics.repartition();
        this.retries = metrics.counter("push_routing_takeover_retries_total");
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        Set<Integer> gained = sessionPartitions(assigned);
        if (gained.isEmpty()) {
            return;
        }
        List<ClientConnection> live = loadUntilDone(gained);
        connections.restore(live);
        live.stream().map(ClientConnection::nodeId).distinct().forEach(liveness::expect);
        partitions.assigned(gained, repartitionBacklog(consumer, gained));
        LOG.infof("[routing] now owns partitions %s (%d live connections taken over)", partitions.owned(), live.size());
    }

    /**
     * The live connections of the gained partitions, read again (backing off up to {@link #MAX_BACKOFF}) for as long
     * as PostgreSQL cannot answer: a partition taken over as empty would lose its sessions' connections.
     */
    private List<ClientConnection> loadUntilDone(Set<Integer> gained) {
        long backoffMs = FIRST_BACKOFF.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                List<ClientConnection> live = liveConnections.ofPartitions(gained).await().atMost(LOAD_TIMEOUT);
                takingOver = false;
                return live;
            } catch (RuntimeException e) {
                takingOver = true;
                retries.increment();
                LOG.warnf("[routing] taking over partitions %s: cannot read their live connections (attempt %d, %s); trying again",
                    gained, attempt, e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while taking over partitions " + gained, interrupted);
                }
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** True while a takeover waits for PostgreSQL: readiness says so. */
    public boolean takingOver() {
        return takingOver;
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

    /** For each partition whose repartition topic has records not read yet, the offset of its last one. */
    private Map<Integer, Long> repartitionBacklog(Consumer<?, ?> consumer, Set<Integer> gained) {
        Set<TopicPartition> repartition = gained.stream().map(p -> new TopicPartition(repartitionTopic, p)).collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = consumer.endOffsets(repartition, LOAD_TIMEOUT);
        Map<Integer, Long> backlog = new HashMap<>();
        for (TopicPartition partition : repartition) {
            long end = ends.getOrDefault(partition, 0L);
            if (end > 0 && positionOf(consumer, partition) < end) {
                backlog.put(partition.partition(), end - 1);
            }
        }
        return backlog;
    }

    /** Where reading resumes; when that cannot be told, the start, so that the whole backlog is read first. */
    private static long positionOf(Consumer<?, ?> consumer, TopicPartition partition) {
        try {
            return consumer.position(partition, LOAD_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("[routing] cannot tell where %s resumes (%s): its repartition backlog is read before direct delivery", partition,
                e.getMessage());
            return 0;
        }
    }

    private Set<Integer> sessionPartitions(Collection<TopicPartition> topicPartitions) {
        return topicPartitions.stream().filter(tp -> tp.topic().equals(inboundTopic)).map(TopicPartition::partition)
            .collect(Collectors.toSet());
    }
}
