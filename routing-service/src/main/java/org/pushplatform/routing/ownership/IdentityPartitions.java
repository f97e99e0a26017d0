package org.pushplatform.routing.ownership;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.utils.Utils;
import org.pushplatform.contract.delivery.Address;

/**
 * The partition of every key (an identity's {@code app/id}), computed as Kafka's default partitioner places it,
 * and the partitions this instance owns now. {@code push.in.routing}, {@code push.route} and
 * {@code push.route.internal} have the same partition count, and one instance owns partition p of all three.
 */
@ApplicationScoped
public class IdentityPartitions {

    private volatile int count;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

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
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    public void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    public void revoked(Collection<Integer> partitions) {
        owned.removeAll(partitions);
    }

    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }
}
