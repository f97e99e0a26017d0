package org.pushplatform.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Batch-first writing: encoded envelopes for one destination (a gateway node, a partition) handed in before the
 * next flush go as one {@link RecordBatch} record, in order, at most {@link #MAX_BATCH_BYTES} each; an envelope alone
 * goes as it is. A busy destination gets a few large records instead of many small ones.
 *
 * @param <D> the destination
 */
public final class RecordBatcher<D> {

    /** Kafka's default request limit is 1 MiB; batches stay well under it. */
    public static final int MAX_BATCH_BYTES = 256 * 1024;

    private final Consumer<Runnable> scheduleFlush;
    private final BiConsumer<D, String> write;
    private final Function<D, String> nodeIdOf;
    private final Map<D, List<String>> pending = new LinkedHashMap<>();
    private final Object flushing = new Object();
    private boolean flushScheduled;

    /**
     * @param scheduleFlush runs the flush a moment later (a millisecond timer): what arrives meanwhile joins the batch
     * @param write         sends one Kafka record to a destination
     * @param nodeIdOf      the gateway node a destination is, for the batch envelope; null when none
     */
    public RecordBatcher(Consumer<Runnable> scheduleFlush, BiConsumer<D, String> write, Function<D, String> nodeIdOf) {
        this.scheduleFlush = scheduleFlush;
        this.write = write;
        this.nodeIdOf = nodeIdOf;
    }

    public void send(D destination, String encodedEnvelope) {
        synchronized (pending) {
            pending.computeIfAbsent(destination, d -> new ArrayList<>()).add(encodedEnvelope);
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        scheduleFlush.accept(this::flush);
    }

    /**
     * Takes what is pending and writes it, under one lock: two flushes running on different threads (timers land on
     * any event loop) still write in the order their records came.
     */
    private void flush() {
        synchronized (flushing) {
            Map<D, List<String>> batches;
            synchronized (pending) {
                batches = new LinkedHashMap<>(pending);
                pending.clear();
                flushScheduled = false;
            }
            batches.forEach(this::write);
        }
    }

    private void write(D destination, List<String> records) {
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

    private void writeOne(D destination, List<String> batch) {
        write.accept(destination, batch.size() == 1 ? batch.get(0)
            : RecordBatch.encode(nodeIdOf.apply(destination), UUID.randomUUID().toString(), batch));
    }
}
