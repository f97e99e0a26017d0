package org.pushplatform.device.messaging;

import java.util.List;
import java.util.UUID;

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
 * Writes delivery and control commands to the core ({@code push.route}), keyed by their address so that the
 * address's owner carries them out in order: device-service reaches clients this way only.
 */
@ApplicationScoped
public class CoreCommands {

    private final Emitter<String> emitter;

    public CoreCommands(@Channel("route-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has every one of them; those of one address stay in the order given. */
    public Uni<Void> send(List<? extends DeliveryRecord> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = commands.stream().map(this::send).toList();
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    public Uni<Void> send(DeliveryRecord command) {
        return KafkaSends.send(emitter, command.key(), EnvelopeCodec.encode(DeliveryRecords.envelope(command, UUID.randomUUID().toString())));
    }
}
