package org.pushplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordBatcherTest {

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> destinations = new ArrayList<>();
    private final RecordBatcher<String> batcher = new RecordBatcher<>(scheduled::add, (destination, record) -> {
        destinations.add(destination);
        written.add(record);
    }, destination -> destination);

    @Test
    void aRecordAloneGoesAsItIs() {
        // given
        String record = envelope("m-1", "x");

        // when
        batcher.send("gw-1", record);
        flush();

        // then
        assertThat(written).containsExactly(record);
    }

    @Test
    void recordsForOneDestinationBeforeAFlushGoAsOneBatchInOrder() {
        // when
        batcher.send("gw-1", envelope("m-1", "a"));
        batcher.send("gw-2", envelope("m-2", "b"));
        batcher.send("gw-1", envelope("m-3", "c"));
        flush();

        // then one record per destination, and the batch keeps the order
        assertThat(destinations).containsExactly("gw-1", "gw-2");
        Envelope batch = EnvelopeCodec.decode(written.get(0));
        assertThat(batch.type()).isEqualTo(EnvelopeTypes.BATCH);
        assertThat(batch.nodeId()).isEqualTo("gw-1");
        assertThat(RecordBatch.records(batch)).extracting(Envelope::messageId).containsExactly("m-1", "m-3");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aBatchStaysUnderItsByteBound() {
        // given records of 100 KiB each
        String big = "x".repeat(100 * 1024);

        // when
        for (int i = 0; i < 5; i++) {
            batcher.send("gw-1", envelope("m-" + i, big));
        }
        flush();

        // then no record is over the bound, and all five arrive in order
        assertThat(written).allMatch(record -> record.length() < RecordBatcher.MAX_BATCH_BYTES + 1024);
        List<String> ids = new ArrayList<>();
        written.forEach(record -> {
            Envelope envelope = EnvelopeCodec.decode(record);
            (EnvelopeTypes.BATCH.equals(envelope.type()) ? RecordBatch.records(envelope) : List.of(envelope))
                .forEach(e -> ids.add(e.messageId()));
        });
        assertThat(ids).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
    }

    private void flush() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    private static String envelope(String messageId, String text) {
        return EnvelopeCodec.encode(Envelope.toGateway(EnvelopeTypes.EMIT, "gw-1", messageId,
            EnvelopeCodec.toJson(new EmitToConnections(List.of("c-1"), "message", List.of(EnvelopeCodec.toJson(text))))));
    }
}
