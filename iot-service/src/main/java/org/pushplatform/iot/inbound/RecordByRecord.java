package org.pushplatform.iot.inbound;

import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import org.pushplatform.service.Retries;

/**
 * A poll's records handled one after the other, in order: one waiting for PostgreSQL or Kafka is tried again in
 * place; one that fails otherwise is counted and logged, and never holds up or fails the others.
 */
final class RecordByRecord {

    private static final Logger LOG = Logger.getLogger(RecordByRecord.class);

    private RecordByRecord() {
    }

    /** @param what for metrics and logs: what the records are */
    static Uni<Void> handle(ConsumerRecords<String, String> records, Function<ConsumerRecord<String, String>, Uni<Void>> handler,
                            String what, MeterRegistry metrics) {
        return Multi.createFrom().iterable(records).onItem()
            .transformToUniAndConcatenate(record -> Retries.whileTransient(() -> handler.apply(record), what)
                .onFailure().recoverWithItem(failure -> {
                    metrics.counter("push_iot_records_failed_total", "what", what).increment();
                    LOG.errorf(failure, "[iot] %s keyed %s failed", what, record.key());
                    return null;
                }))
            .collect().last().replaceWithVoid();
    }
}
