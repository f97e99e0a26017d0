package org.pushplatform.chat.messaging;

import java.time.ZonedDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Integration events on {@code push.events.chat}, as structured CloudEvents JSON keyed by the conversation
 * ({@code app/conversation}, so a conversation's events stay in order): every message stored, once (a resend with the
 * same client message id makes none); the event's id is the message's.
 */
@ApplicationScoped
public class ChatEvents {

    public static final String MESSAGE_STORED = "org.pushplatform.chat.message.stored";

    /** Data of a stored message: its place in its conversation and its body as delivered. */
    public record MessageStored(String app, String conversation, long seq, String id, String from, String to, int type, JsonNode body) {
    }

    private final Emitter<Object> emitter;

    public ChatEvents(@Channel("events-chat") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<Object> emitter) {
        this.emitter = emitter;
    }

    public void messageStored(MessageStored stored) {
        String key = stored.app() + '/' + stored.conversation();
        OutgoingCloudEventMetadata<Object> ce = OutgoingCloudEventMetadata.builder()
            .withId(stored.id())
            .withType(MESSAGE_STORED)
            .withSubject(key)
            .withTimestamp(ZonedDateTime.now())
            .build();
        emitter.send(Message.of((Object) stored).addMetadata(ce).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
