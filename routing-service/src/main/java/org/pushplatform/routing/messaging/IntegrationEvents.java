package org.pushplatform.routing.messaging;

import java.time.ZonedDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.PresenceListener;

/**
 * Integration events for other teams, as structured CloudEvents JSON: every accepted message on
 * {@code push.events.messages}, every presence change on {@code push.events.presence}. Keyed by app and target.
 */
@ApplicationScoped
public class IntegrationEvents implements PresenceListener {

    public static final String MESSAGE_PUBLISHED = "org.pushplatform.pubsub.message.published";
    public static final String CONNECTION_ONLINE = "org.pushplatform.presence.online";
    public static final String CONNECTION_OFFLINE = "org.pushplatform.presence.offline";

    /** Data of {@link #MESSAGE_PUBLISHED}: {@code targetKind} is topic or alias. */
    public record MessagePublished(String appkey, String targetKind, String target, JsonNode msg, int qos, String messageId) {
    }

    /** Data of the presence events. */
    public record PresenceChanged(String appkey, String sessionId, String nodeId, String connectionId) {
    }

    private final Emitter<MessagePublished> messages;
    private final Emitter<PresenceChanged> presence;

    public IntegrationEvents(
        @Channel("events-messages") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<MessagePublished> messages,
        @Channel("events-presence") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<PresenceChanged> presence) {
        this.messages = messages;
        this.presence = presence;
    }

    public void messagePublished(MessagePublished event) {
        messages.send(cloudEvent(event, MESSAGE_PUBLISHED, event.appkey() + "/" + event.target()));
    }

    @Override
    public void online(ClientConnection connection) {
        presence.send(cloudEvent(presenceOf(connection), CONNECTION_ONLINE, connection.appkey() + "/" + connection.sessionId()));
    }

    @Override
    public void offline(ClientConnection connection) {
        presence.send(cloudEvent(presenceOf(connection), CONNECTION_OFFLINE, connection.appkey() + "/" + connection.sessionId()));
    }

    private static PresenceChanged presenceOf(ClientConnection connection) {
        return new PresenceChanged(connection.appkey(), connection.sessionId(), connection.nodeId(), connection.connectionId());
    }

    private static <T> Message<T> cloudEvent(T data, String type, String subject) {
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
            .withId(UUID.randomUUID().toString())
            .withType(type)
            .withSubject(subject)
            .withTimestamp(ZonedDateTime.now())
            .build();
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(subject).build();
        return Message.of(data).addMetadata(ce).addMetadata(key);
    }
}
