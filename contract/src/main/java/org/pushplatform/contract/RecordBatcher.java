package org.pushplatform.routing.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.vertx.core.Vertx;
import org.pushplatform.contract.RecordBatch;

/**
 * Batch-first writing: encoded records for one destination (a gateway node, a partition) sent within a millisecond
 * go as one {@link RecordBatch} record, in order, at most {@link #MAX_BATCH_BYTES} each; a record alone goes as it is.
 * A busy destination gets a few large records instead of many small ones.
 *
 * @param <K> the destination
 */
final class BatchingSender<K> {

    /** Kafka's default request limit is 1 MiB; batches stay well under it. */
    static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final long FLUSH_AFTER_MS = 1;

    private final Vertx vertx;
    private final BiConsumer<K, String> write;
    private final java.util.function.Function<K, String> nodeIdOf;
    private final Map<K, List<String>> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    /**
     * @param write    sends one Kafka record to a destination
     * @param nodeIdOf the gateway node a destination is, for the batch envelope; null when none
     */
    BatchingSender(Vertx vertx, BiConsumer<K, String> write, java.util.function.Function<K, String> nodeIdOf) {
        this.vertx = vertx;
        this.write = write;
        this.nodeIdOf = nodeIdOf;
    }

    void send(K destination, String encodedEnvelope) {
        synchronized (pending) {
            pending.computeIfAbsent(destination, d -> new ArrayList<>()).add(encodedEnvelope);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        vertx.setTimer(FLUSH_AFTER_MS, id -> flush());
    }

    private void flush() {
        Map<K, List<String>> batches;
        synchronized (pending) {
            batches = new LinkedHashMap<>(pending);
            pending.clear();
            flushScheduled = false;
        }
        batches.forEach(this::write);
    }

    private void write(K destination, List<String> records) {
        List<String> batch = new ArrayList<>();
        int bytes = 0;
        for (String record : records) {
            if (!batch.isEmpty() && bytes + record.length() > MAX_BATCH_BYTES) {
                writeOne(destination, batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(record);
            bytes += record.length();
        }
        writeOne(destination, batch);
    }

    private void writeOne(K destination, List<String> batch) {
        write.accept(destination, batch.size() == 1 ? batch.get(0) : RecordBatch.encode(nodeIdOf.apply(destination), MessageIds.next(), batch));
    }
}
