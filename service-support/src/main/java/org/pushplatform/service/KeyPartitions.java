package org.pushplatform.service;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/** The partition Kafka's default partitioner gives a record key, for services that own keys by partition. */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
