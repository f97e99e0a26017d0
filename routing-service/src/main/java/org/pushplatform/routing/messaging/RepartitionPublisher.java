package org.pushplatform.routing.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RecordBatcher;
import org.pushplatform.contract.RouteToIdentities;

/**
 * Writes the repartition step of a delivery to one partition of {@code push.route.internal}, read by its owner;
 * what goes to one partition within a millisecond goes as one record (see {@link RecordBatcher}).
 */
@ApplicationScoped
public class RepartitionPublisher {

    private final Emitter<String> emitter;
    private final OutboundBacklog backlog;
    private final RecordBatcher<Integer> batches;

    public RepartitionPublisher(@Channel("repartition-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                                Emitter<String> emitter, OutboundBacklog backlog, Vertx vertx) {
        this.emitter = emitter;
        this.backlog = backlog;
        this.batches = new RecordBatcher<>(flush -> vertx.setTimer(1, id -> flush.run()), this::write, partition -> null);
    }

    public void send(int partition, RouteToIdentities route) {
        Envelope envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.ROUTE_TO_IDENTITIES, null, null, null, null,
            MessageIds.next(), System.currentTimeMillis(), EnvelopeCodec.toJson(route));
        batches.send(partition, EnvelopeCodec.encode(envelope));
    }

    private void write(int partition, String record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withPartition(partition).build();
        emitter.send(backlog.counted(Message.of(record).addMetadata(metadata), record.length()));
    }
}
