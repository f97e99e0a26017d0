package org.pushplatform.routing.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RouteToIdentities;

/** Writes the repartition step of a delivery to one partition of {@code push.route.internal}, read by its owner. */
@ApplicationScoped
public class RepartitionPublisher {

    private final Emitter<String> emitter;

    public RepartitionPublisher(@Channel("repartition-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                                Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void send(int partition, RouteToIdentities route) {
        Envelope envelope = new Envelope(Envelope.VERSION, EnvelopeTypes.ROUTE_TO_IDENTITIES, null, null, null, null,
            MessageIds.next(), System.currentTimeMillis(), EnvelopeCodec.toJson(route));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withPartition(partition).build();
        emitter.send(Message.of(EnvelopeCodec.encode(envelope)).addMetadata(metadata));
    }
}
