package org.pushplatform.iot.messaging;

import java.time.ZonedDateTime;
import java.util.UUID;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Integration events on {@code push.events.iot}, as structured CloudEvents JSON keyed by the entity they are about
 * ({@code app/productKey[/deviceName]}, {@code app/accountId}, {@code app/clientId}); the type is
 * {@code org.pushplatform.iot.<entity>.<change>} (see the README's table).
 */
@ApplicationScoped
public class IotEvents {

    public static final String PREFIX = "org.pushplatform.iot.";

    private final Emitter<Object> emitter;

    public IotEvents(@Channel("events-iot") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<Object> emitter) {
        this.emitter = emitter;
    }

    /** @param change e.g. {@code product.created}, {@code channel.bound}, {@code notice.sent} */
    public void send(String change, String key, Object data) {
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
            .withId(UUID.randomUUID().toString())
            .withType(PREFIX + change)
            .withSubject(key)
            .withTimestamp(ZonedDateTime.now())
            .build();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        emitter.send(Message.of(data).addMetadata(ce).addMetadata(metadata));
    }
}
