package org.pushplatform.routing.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.ownership.IdentityPartitions;

/**
 * Deletes the delivery topic ({@code push.gw.<node>}) and consumer group ({@code gateway-<node>}) of a gateway node
 * gone for good: a Kubernetes rollout renames pods, and each name leaves a topic behind. A node is gone once its
 * group has had no member and it has sent no heartbeat for the whole grace period, as seen by the instance that
 * owns partition 0 (one instance does it; a second one would only find nothing left to delete).
 */
@ApplicationScoped
public class GoneNodes {

    private static final Logger LOG = Logger.getLogger(GoneNodes.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final GatewayLiveness liveness;
    private final IdentityPartitions partitions;
    private final RoutingConfig config;
    private final String bootstrapServers;
    private final String deliveryTopicPrefix;
    private final Counter removed;
    /** Nodes seen without a consumer and without heartbeats, and since when. */
    private final Map<String, Long> absentSince = new ConcurrentHashMap<>();
    private Admin admin;

    public GoneNodes(GatewayLiveness liveness, IdentityPartitions partitions, RoutingConfig config, MeterRegistry metrics,
                     @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.liveness = liveness;
        this.partitions = partitions;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.deliveryTopicPrefix = new Topics(config.topicPrefix()).gateway("");
        this.removed = metrics.counter("push_gone_nodes_removed_total");
    }

    @Scheduled(every = "${push.gone-node-check:5m}", delayed = "${push.gone-node-check:5m}",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (partitions.owns(0)) {
            try {
                sweep(System.currentTimeMillis(), config.goneNodeGrace());
            } catch (RuntimeException e) {
                LOG.warnf("[routing] looking for gone gateway nodes failed, trying again later: %s", e.getMessage());
            }
        }
    }

    /** One look at every node with a delivery topic. @return the nodes whose topic and group were deleted now */
    public List<String> sweep(long nowMillis, Duration grace) {
        Set<String> nodes = new java.util.HashSet<>();
        call(admin().listTopics().names()).stream().filter(t -> t.startsWith(deliveryTopicPrefix))
            .forEach(t -> nodes.add(t.substring(deliveryTopicPrefix.length())));
        absentSince.keySet().retainAll(nodes);
        var groups = admin().describeConsumerGroups(nodes.stream().map(GoneNodes::groupOf).toList()).describedGroups();
        List<String> gone = new ArrayList<>();
        for (String node : nodes) {
            boolean present = liveness.isAlive(node) || hasMembers(groups.get(groupOf(node)));
            if (present) {
                absentSince.remove(node);
            } else if (nowMillis - absentSince.computeIfAbsent(node, n -> nowMillis) >= grace.toMillis() && delete(node)) {
                absentSince.remove(node);
                gone.add(node);
            }
        }
        return gone;
    }

    /** A group that does not exist (never joined, or deleted) has no members either. */
    private static boolean hasMembers(org.apache.kafka.common.KafkaFuture<ConsumerGroupDescription> group) {
        try {
            return !call(group).members().isEmpty();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private boolean delete(String node) {
        try {
            call(admin().deleteConsumerGroups(List.of(groupOf(node))).all());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                return false; // it came back meanwhile
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        try {
            call(admin().deleteTopics(List.of(deliveryTopicPrefix + node)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        removed.increment();
        LOG.infof("[%s] gateway node gone for %s: its delivery topic and consumer group are deleted", node, config.goneNodeGrace());
        return true;
    }

    private static String groupOf(String node) {
        return "gateway-" + node;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    private static <T> T call(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
