package org.pushplatform.routing.ownership;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.utils.Utils;
import org.pushplatform.contract.SessionKeys;

/**
 * The partition of every session, computed as Kafka's default partitioner places the session's key, and the
 * partitions this instance owns now. {@code push.in.routing} and {@code push.route} have the same partition count,
 * and one instance owns partition p of both.
 */
@ApplicationScoped
public class SessionPartitions {

    private volatile int count;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    void setCount(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    public int partitionOf(String appkey, String customid) {
        byte[] key = SessionKeys.of(appkey, customid).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % count;
    }

    public boolean owns(int partition) {
        return owned.contains(partition);
    }

    void assigned(Collection<Integer> partitions) {
        owned.addAll(partitions);
    }

    void revoked(Collection<Integer> partitions) {
        owned.removeAll(partitions);
    }

    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }
}
