package org.pushplatform.service;

import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** One record sent under a key, completing when Kafka has it (or failing when it will not take it). */
public final class KafkaSends {

    private KafkaSends() {
    }

    public static Uni<Void> send(Emitter<String> emitter, String key, String value) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        return Uni.createFrom().emitter(done -> emitter.send(Message.of(value).addMetadata(metadata)
            .withAck(() -> {
                done.complete(null);
                return CompletableFuture.completedFuture(null);
            })
            .withNack(failure -> {
                done.fail(failure);
                return CompletableFuture.completedFuture(null);
            })));
    }
}
