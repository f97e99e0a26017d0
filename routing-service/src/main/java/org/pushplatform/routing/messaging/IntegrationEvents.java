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

/**
 * Integration events for other teams, as structured CloudEvents JSON: every accepted message on
 * {@code push.events.messages}, every presence change on {@code push.events.presence}, and every push notification a
 * publish asks for on {@code push.events.notifications}, for the team that talks to APNs. Keyed by app and target.
 */
@ApplicationScoped
public class IntegrationEvents {

    public static final String MESSAGE_PUBLISHED = "org.pushplatform.pubsub.message.published";
    public static final String CONNECTION_ONLINE = "org.pushplatform.presence.online";
    public static final String CONNECTION_OFFLINE = "org.pushplatform.presence.offline";
    public static final String NOTIFICATION_REQUESTED = "org.pushplatform.pubsub.notification.requested";

    /** Data of {@link #MESSAGE_PUBLISHED}: {@code targetKind} is topic or alias. */
    public record MessagePublished(String appkey, String targetKind, String target, JsonNode msg, int qos, String messageId) {
    }

    /** Data of {@link #NOTIFICATION_REQUESTED}: the seed's apn_json, for the message's targets. */
    public record NotificationRequested(String appkey, String targetKind, String target, String messageId, JsonNode apnJson) {
    }

    /** Data of the presence events. */
    public record PresenceChanged(String appkey, String sessionId, String nodeId, String connectionId) {
    }

    private final Emitter<MessagePublished> messages;
    private final Emitter<PresenceChanged> presence;
    private final Emitter<NotificationRequested> notifications;

    public IntegrationEvents(
        @Channel("events-messages") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<MessagePublished> messages,
        @Channel("events-presence") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<PresenceChanged> presence,
        @Channel("events-notifications") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
        Emitter<NotificationRequested> notifications) {
        this.messages = messages;
        this.presence = presence;
        this.notifications = notifications;
    }

    public void messagePublished(MessagePublished event) {
        messages.send(cloudEvent(event, MESSAGE_PUBLISHED, event.appkey() + "/" + event.target()));
    }

    public void notificationRequested(NotificationRequested event) {
        notifications.send(cloudEvent(event, NOTIFICATION_REQUESTED, event.appkey() + "/" + event.target()));
    }

    public void online(ClientConnection connection) {
        presence.send(cloudEvent(presenceOf(connection), CONNECTION_ONLINE, connection.app() + "/" + connection.identityRef()));
    }

    public void offline(ClientConnection connection) {
        presence.send(cloudEvent(presenceOf(connection), CONNECTION_OFFLINE, connection.app() + "/" + connection.identityRef()));
    }

    private static PresenceChanged presenceOf(ClientConnection connection) {
        return new PresenceChanged(connection.app(), connection.identityRef(), connection.nodeId(), connection.connectionId());
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
