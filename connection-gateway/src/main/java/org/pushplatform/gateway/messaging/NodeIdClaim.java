package org.pushplatform.gateway.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayHeartbeat;
import org.pushplatform.contract.Topics;
import org.pushplatform.gateway.config.GatewayConfig;

/**
 * Makes sure no two gateways run under one node id (they would share a delivery topic, fence each other's Kafka
 * consumer, and make routing drop each other's connections). Before anything else starts, it reads the heartbeats
 * of the last two intervals: a run of this node id heard lately is waited for, and if it beats again the start is
 * refused. Afterwards it keeps listening: of two runs that started together and both passed, the one that started
 * later (or, at the same millisecond, with the larger boot id) stops.
 */
@ApplicationScoped
public class NodeIdClaim {

    private static final Logger LOG = Logger.getLogger(NodeIdClaim.class);

    private final GatewayConfig config;
    private final NodeRun run;
    private final String bootstrapServers;
    private final String topic;
    private volatile boolean held;
    private volatile String lostTo;
    private KafkaConsumer<String, String> consumer;
    private Thread watcher;

    public NodeIdClaim(GatewayConfig config, NodeRun run, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.run = run;
        this.bootstrapServers = bootstrapServers;
        this.topic = new Topics(config.topicPrefix()).heartbeats();
    }

    /** True once this run holds its node id: only then does it send heartbeats. */
    public boolean held() {
        return held && lostTo == null;
    }

    /** True once another gateway was found to keep this node id. */
    public boolean lost() {
        return lostTo != null;
    }

    public String nodeId() {
        return config.nodeId();
    }

    public String bootId() {
        return run.bootId();
    }

    /** This run gives its node id up as it stops: no heartbeat follows. @return true when it held it */
    public boolean release() {
        boolean wasHeld = held();
        held = false;
        return wasHeld;
    }

    /** Runs before the listeners and Kafka channels start; throws when another running gateway has this node id. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        consumer = new KafkaConsumer<>(consumerProperties());
        List<TopicPartition> partitions = partitions();
        if (!partitions.isEmpty()) {
            awaitSilence(partitions, 2 * config.heartbeatInterval().toMillis() + 1000);
        }
        held = true;
        LOG.infof("[%s] node id claimed (run %s)", config.nodeId(), run.bootId());
        watcher = new Thread(this::watch, "node-id-claim");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Reads the heartbeats from {@code window} ms before this start on, until all that was there is read and no other
     * run of this node id was heard within the window (one heard lately is alive, or killed a moment ago: its next
     * beat tells). Records of one key come in order: a run's farewell means it is gone, unless another beats after it.
     */
    private void awaitSilence(List<TopicPartition> partitions, long window) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new java.util.HashMap<>();
        partitions.forEach(p -> since.put(p, run.startedAt() - window));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        offsets.forEach((partition, offset) -> consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset()));
        long lastOther = -1;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
            || (lastOther >= 0 && System.currentTimeMillis() - lastOther <= window)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                GatewayHeartbeat other = otherRun(record);
                if (other == null) {
                    continue;
                }
                if (other.stopping()) {
                    lastOther = -1;
                } else if (record.timestamp() >= run.startedAt()) {
                    consumer.close();
                    throw new IllegalStateException("node id " + config.nodeId() + " is in use by a running gateway (heard "
                        + (System.currentTimeMillis() - record.timestamp()) + " ms ago); give each gateway its own PUSH_NODE_ID");
                } else {
                    lastOther = Math.max(lastOther, record.timestamp());
                }
            }
        }
    }

    /** After the start: another run that started before this one (or together, with a smaller boot id) keeps the id. */
    private void watch() {
        try {
            while (lostTo == null) {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = partitions();
                    if (partitions.isEmpty()) {
                        Thread.sleep(config.heartbeatInterval().toMillis());
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    GatewayHeartbeat other = otherRun(record);
                    if (other != null && !other.stopping() && record.timestamp() >= run.startedAt() && keepsTheId(other)) {
                        lose(other);
                    }
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.warnf("[%s] node id watch stopped: %s", config.nodeId(), e.getMessage());
        } finally {
            consumer.close();
        }
    }

    private boolean keepsTheId(GatewayHeartbeat other) {
        return keepsTheId(other, run.startedAt(), run.bootId());
    }

    /** Of two runs under one node id, the one that started first keeps it; at the same millisecond, the smaller boot id. */
    static boolean keepsTheId(GatewayHeartbeat other, long myStart, String myBootId) {
        return other.startedAt() < myStart || (other.startedAt() == myStart && other.bootId().compareTo(myBootId) < 0);
    }

    private void lose(GatewayHeartbeat other) {
        lostTo = other.bootId();
        LOG.errorf("[%s] node id %s is in use by another gateway (run %s, started earlier): this one stops; give each gateway"
            + " its own PUSH_NODE_ID", config.nodeId(), config.nodeId(), other.bootId());
        Quarkus.asyncExit(1);
    }

    /** The heartbeat of another run of this node id, or null. */
    private GatewayHeartbeat otherRun(ConsumerRecord<String, String> record) {
        if (!config.nodeId().equals(record.key())) {
            return null;
        }
        try {
            Envelope envelope = EnvelopeCodec.decode(record.value());
            if (!EnvelopeTypes.GATEWAY_HEARTBEAT.equals(envelope.type())) {
                return null;
            }
            GatewayHeartbeat heartbeat = EnvelopeCodec.payload(envelope, GatewayHeartbeat.class);
            return run.bootId().equals(heartbeat.bootId()) ? null : heartbeat;
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            return null;
        }
    }

    private List<TopicPartition> partitions() {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "node-id-claim-" + config.nodeId());
        // never created by this read: routing creates the topic with its replication settings
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return properties;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            consumer.wakeup();
        }
    }

    /** Liveness: down once another gateway was found to keep this node id (the process is stopping then). */
    @Liveness
    @ApplicationScoped
    static class Health implements HealthCheck {

        private final NodeIdClaim claim;

        Health(NodeIdClaim claim) {
            this.claim = claim;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("node-id").status(!claim.lost()).withData("nodeId", claim.nodeId())
                .withData("run", claim.bootId()).build();
        }
    }
}
