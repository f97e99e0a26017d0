package org.pushplatform.device.devices;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.pushplatform.service.KeyPartitions;

/**
 * Which devices this instance owns: those whose key falls, as Kafka's default partitioner places it, in a partition
 * of {@code push.in.device} assigned here. The owner sends a device's commands; one that is queued or freed a place
 * here for a device owned here is sent at once, without a nudge through Kafka.
 */
@ApplicationScoped
@Default
@Identifier("device-ownership")
public class DeviceOwnership implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(DeviceOwnership.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int count;

    public DeviceOwnership(MeterRegistry metrics) {
        metrics.gauge("push_device_owned_partitions", owned, Set::size);
    }

    /** True when this instance sends the device's commands now. */
    public boolean owns(DeviceRef device) {
        int partitions = count;
        return partitions > 0 && owned.contains(KeyPartitions.of(device.key(), partitions));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        assigned.stream().findAny().ifPresent(any -> count = consumer.partitionsFor(any.topic()).size());
        assigned.forEach(partition -> owned.add(partition.partition()));
        LOG.infof("[device] owns the devices of partitions %s", Set.copyOf(owned));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        revoked.forEach(partition -> owned.remove(partition.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
        onPartitionsRevoked(consumer, lost);
    }
}
