package org.pushplatform.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;

/**
 * Writes delivery commands to {@code push.route}, keyed by their address, so that the address's owner carries them
 * out in order: what the REST API and {@code push.commands} accept goes this way.
 */
@ApplicationScoped
public class RouteCommandPublisher {

    private final Emitter<String> emitter;

    public RouteCommandPublisher(@Channel("route-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                                 Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has the command. */
    public Uni<Void> send(DeliveryRecord command, String messageId) {
        String record = EnvelopeCodec.encode(DeliveryRecords.envelope(command, messageId));
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(command.key()).build();
        return Uni.createFrom().emitter(done -> emitter.send(Message.of(record).addMetadata(key)
            .withAck(() -> {
                done.complete(null);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            })
            .withNack(failure -> {
                done.fail(failure);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            })));
    }
}
