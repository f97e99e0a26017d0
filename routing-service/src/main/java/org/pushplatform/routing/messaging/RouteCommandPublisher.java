package org.pushplatform.routing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.service.KafkaSends;

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
        return KafkaSends.send(emitter, command.key(), EnvelopeCodec.encode(DeliveryRecords.envelope(command, messageId)));
    }
}
