package org.pushplatform.routing.inbound;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;

/**
 * Reads {@code push.in.routing}, {@code push.route} and {@code push.route.internal} a poll at a time: connection
 * lifecycle, client frames and receipts from every gateway node, delivery commands, and the repartition step from
 * other routing instances. A poll is handled in {@link KeyedRounds}: order holds per key, and the records of a
 * round are handled together (one statement for a round's receipts, one for its publishes).
 */
@ApplicationScoped
public class InboundFrameConsumer {

    private static final Logger LOG = Logger.getLogger(InboundFrameConsumer.class);

    /** A decoded record and the key its order is kept under. */
    record Keyed(String orderKey, Envelope envelope) {
    }

    private final RecordDispatcher dispatcher;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSizes;

    public InboundFrameConsumer(RecordDispatcher dispatcher, MeterRegistry metrics) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.batchSizes = DistributionSummary.builder("push_routing_batch_records").description("records per poll handled together")
            .register(metrics);
    }

    @Incoming("routing-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Keyed> decoded = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                decoded.add(new Keyed(orderKey(record), EnvelopeCodec.decode(record.value())));
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[routing] dropped a record of %s that is not an envelope: %s", record.topic(), e.getMessage());
            }
        }
        batchSizes.record(decoded.size());
        Uni<Void> all = Uni.createFrom().voidItem();
        for (List<Keyed> round : KeyedRounds.of(decoded, Keyed::orderKey)) {
            all = all.call(() -> dispatcher.dispatchRound(round.stream().map(Keyed::envelope).toList()));
        }
        return all;
    }

    private static String orderKey(ConsumerRecord<String, String> record) {
        String partition = record.topic() + '/' + record.partition();
        return record.key() == null ? partition : partition + '/' + record.key();
    }
}
