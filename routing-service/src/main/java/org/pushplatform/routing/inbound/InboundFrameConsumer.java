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
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RecordBatch;
import org.pushplatform.contract.Topics;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.messaging.OutboundBacklog;
import org.pushplatform.routing.ownership.IdentityPartitions;
import org.pushplatform.routing.presence.GatewayLiveness;

/**
 * Reads {@code push.in.routing}, {@code push.route} and {@code push.route.internal} a poll at a time: connection
 * lifecycle, client frames and receipts from every gateway node, delivery commands, and the repartition step from
 * other routing instances, alone or in batches. The repartition step needs no I/O and is handled at once, in order;
 * the rest in {@link KeyedRounds}: order holds per key, and the records of a round are handled together (one
 * statement for a round's receipts, one for its publishes, one for its deliver commands).
 */
@ApplicationScoped
public class InboundFrameConsumer {

    private static final Logger LOG = Logger.getLogger(InboundFrameConsumer.class);

    /** A decoded record and the key its order is kept under. */
    record Keyed(String orderKey, Envelope envelope) {
    }

    private final RecordDispatcher dispatcher;
    private final OutboundBacklog backlog;
    private final GatewayLiveness liveness;
    private final IdentityPartitions partitions;
    private final String repartitionTopic;
    private final MeterRegistry metrics;
    private final DistributionSummary batchSizes;

    public InboundFrameConsumer(RecordDispatcher dispatcher, IdentityPartitions partitions, OutboundBacklog backlog, GatewayLiveness liveness,
                                RoutingConfig config, MeterRegistry metrics) {
        this.dispatcher = dispatcher;
        this.liveness = liveness;
        this.backlog = backlog;
        this.partitions = partitions;
        this.repartitionTopic = new Topics(config.topicPrefix()).repartition();
        this.metrics = metrics;
        this.batchSizes = DistributionSummary.builder("push_routing_batch_records").description("records per poll handled together")
            .register(metrics);
    }

    @Incoming("routing-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Keyed> decoded = new ArrayList<>(records.count());
        List<Envelope> routes = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.topic().equals(repartitionTopic)) {
                partitions.repartitionRead(record.partition(), record.offset());
            }
            try {
                Envelope envelope = EnvelopeCodec.decode(record.value());
                for (Envelope one : EnvelopeTypes.BATCH.equals(envelope.type()) ? RecordBatch.records(envelope) : List.of(envelope)) {
                    if (isRoute(one)) {
                        routes.add(one);
                    } else {
                        decoded.add(new Keyed(orderKey(record), one));
                    }
                    if (one.nodeId() != null) {
                        liveness.seen(one.nodeId());
                    }
                }
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[routing] dropped a record of %s that is not an envelope: %s", record.topic(), e.getMessage());
            }
        }
        batchSizes.record(decoded.size() + routes.size());
        // the repartition step needs no I/O: handled at once, in order
        dispatcher.deliverRoutes(routes);
        // while Kafka has not taken what was written for it, the next poll waits: routing pushes back on its inputs
        Uni<Void> all = backlog.room();
        for (List<Keyed> round : KeyedRounds.of(decoded, Keyed::orderKey, keyed -> RecordDispatcher.batchOf(keyed.envelope()))) {
            all = all.call(() -> dispatcher.dispatchRound(round.stream().map(Keyed::envelope).toList()));
        }
        return all;
    }

    private static boolean isRoute(Envelope envelope) {
        return EnvelopeTypes.ROUTE_TO_IDENTITIES.equals(envelope.type()) || EnvelopeTypes.ROUTE_TO_SESSIONS.equals(envelope.type());
    }

    private static String orderKey(ConsumerRecord<String, String> record) {
        String partition = record.topic() + '/' + record.partition();
        return record.key() == null ? partition : partition + '/' + record.key();
    }
}
