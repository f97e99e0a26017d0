package org.pushplatform.service;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;

/**
 * Writes delivery and control commands to the core ({@code push.route}), keyed by their address so that the
 * address's owner carries them out in order: the way every domain service reaches clients.
 */
public final class CoreCommandWriter {

    private final Emitter<String> emitter;

    public CoreCommandWriter(Emitter<String> emitter) {
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
