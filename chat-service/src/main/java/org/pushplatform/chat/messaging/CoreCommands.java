package org.pushplatform.chat.messaging;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.service.CoreCommandWriter;

/** Delivery and control commands to the core ({@code push.route}): chat-service reaches clients this way only. */
@ApplicationScoped
public class CoreCommands {

    private final CoreCommandWriter writer;

    public CoreCommands(@Channel("route-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<String> emitter) {
        this.writer = new CoreCommandWriter(emitter);
    }

    /** Completes when Kafka has every one of them; those of one address stay in the order given. */
    public Uni<Void> send(List<? extends DeliveryRecord> commands) {
        return writer.send(commands);
    }
}
