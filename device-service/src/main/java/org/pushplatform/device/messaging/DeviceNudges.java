package org.pushplatform.device.messaging;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.service.KafkaSends;

/**
 * Tells the owner of a device that it has commands to send (new ones, a retry, a freed place in its window): a
 * {@value #DISPATCH} record on {@code push.in.device}, keyed by the device like its connection's frames. Only the
 * owner sends a device's commands, so they go out once and in order, whichever instance queued them.
 */
@ApplicationScoped
public class DeviceNudges {

    public static final String DISPATCH = "device.dispatch";

    private final Emitter<String> emitter;

    public DeviceNudges(@Channel("device-nudges") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                        Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has a nudge for each device. */
    public Uni<Void> dispatch(Collection<DeviceRef> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = devices.stream().distinct().map(this::dispatch).toList();
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    private Uni<Void> dispatch(DeviceRef device) {
        Envelope envelope = new Envelope(Envelope.VERSION, DISPATCH, device.app(), null, null, device.serial(),
            UUID.randomUUID().toString(), System.currentTimeMillis(), null);
        return KafkaSends.send(emitter, device.key(), EnvelopeCodec.encode(envelope));
    }
}
