package org.pushplatform.routing.ownership;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.service.KeyPartitions;

/**
 * The partition of every key (an identity's {@code app/id}), computed as Kafka's default partitioner places it,
 * and the partitions this instance owns now. {@code push.in.routing}, {@code push.route} and
 * {@code push.route.internal} have the same partition count, and one instance owns partition p of all three.
 * <p>
 * A partition owned here takes the repartition step in memory instead of through Kafka, once this instance has read
 * what other owners left in flight on {@code push.route.internal} for it: until then a direct delivery could overtake
 * an older one still in Kafka, and order per key would break.
 */
@ApplicationScoped
public class IdentityPartitions {

    private volatile int count;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Owned partitions still reading their repartition backlog: the offset of its last record. */
    private final Map<Integer, Long> catchingUpTo = new ConcurrentHashMap<>();

    void setCount(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    public int partitionOf(String app, String id) {
        return partitionOfKey(new Address.Identity(app, null, id).key());
    }

    public int partitionOfKey(String key) {
        return KeyPartitions.of(key, count);
    }

    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    /**
     * @param repartitionBacklog for each partition gained, the offset of the last record on {@code push.route.internal}
     *                           still to read there, or none when nothing is left to read
     */
    public void assigned(Collection<Integer> partitions, Map<Integer, Long> repartitionBacklog) {
        catchingUpTo.putAll(repartitionBacklog);
        owned.addAll(partitions);
    }

    public void revoked(Collection<Integer> partitions) {
        owned.removeAll(partitions);
        partitions.forEach(catchingUpTo::remove);
    }

    /** A record of {@code push.route.internal} was read here. */
    public void repartitionRead(int partition, long offset) {
        catchingUpTo.computeIfPresent(partition, (p, last) -> offset >= last ? null : last);
    }

    /** True when deliveries to this partition's identities may skip the repartition topic: owned here and caught up. */
    public boolean routesDirectly(int partition) {
        return owned.contains(partition) && !catchingUpTo.containsKey(partition);
    }

    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }
}
