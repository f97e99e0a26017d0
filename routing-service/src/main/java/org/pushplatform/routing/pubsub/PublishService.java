package org.pushplatform.routing.pubsub;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.delivery.MessageStore;
import org.pushplatform.routing.delivery.MessageTargets;
import org.pushplatform.routing.delivery.SessionRouter;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.messaging.IntegrationEvents;

/**
 * Publishing within one app, whoever asks: a client frame, the REST API, a Kafka command. QoS 0 goes to whoever is
 * connected; QoS 1 and 2 are stored for every target session first, then sent, and kept until received or expired.
 * Answers how many sessions the message is for, and tells other teams through integration events.
 */
@ApplicationScoped
public class PublishService {

    private final MessageTargets targets;
    private final MessageStore store;
    private final SessionRouter router;
    private final IntegrationEvents events;

    public PublishService(MessageTargets targets, MessageStore store, SessionRouter router, IntegrationEvents events) {
        this.targets = targets;
        this.store = store;
        this.router = router;
        this.events = events;
    }

    /**
     * Every subscriber of the topic gets {@code message {topic, msg}}.
     *
     * @param sourceId  the id of the frame or command asking, so that asking twice stores once; may be null
     * @param publisher the publishing session, for recvack; null from outside
     */
    public Uni<Integer> toTopic(String appkey, PublishRequest request, String sourceId, Target publisher) {
        return targets.subscribersOf(appkey, request.target())
            .flatMap(sessions -> publish(appkey, "topic", request, sourceId, publisher, sessions));
    }

    /** Every session with the alias gets {@code message {topic: alias, msg}}. */
    public Uni<Integer> toAlias(String appkey, PublishRequest request, String sourceId, Target publisher) {
        return targets.withAlias(appkey, request.target())
            .flatMap(sessions -> publish(appkey, "alias", request, sourceId, publisher, sessions));
    }

    /** A presence event on {@code <topic>/p}: QoS 0, and no message integration event (presence has its own). */
    public Uni<Void> presence(String appkey, String presenceTopic, JsonNode msg) {
        return targets.subscribersOf(appkey, presenceTopic)
            .invoke(sessions -> router.route(sessions, "message", PubsubReplies.message(presenceTopic, msg), null))
            .replaceWithVoid();
    }

    private Uni<Integer> publish(String appkey, String targetKind, PublishRequest request, String sourceId, Target publisher,
                                 List<Target> sessions) {
        List<JsonNode> message = PubsubReplies.message(request.target(), request.msg());
        Uni<Boolean> sent;
        if (request.qos() == 0) {
            router.route(sessions, "message", message, null);
            sent = Uni.createFrom().item(true);
        } else {
            var stored = new MessageStore.NewMessage(appkey, request.messageId(), sourceId, request.target(), request.msg(),
                request.qos(), publisher, request.ttlSeconds());
            sent = store.store(stored, sessions).map(result -> {
                router.route(result.pending(), "message", message, String.valueOf(result.id()));
                return !result.seenBefore();
            });
        }
        return sent.invoke(isNew -> {
            if (isNew) {
                accepted(appkey, targetKind, request);
            }
        }).map(isNew -> sessions.size());
    }

    private void accepted(String appkey, String targetKind, PublishRequest request) {
        events.messagePublished(new IntegrationEvents.MessagePublished(appkey, targetKind, request.target(), request.msg(),
            request.qos(), request.messageId()));
        if (request.apnJson() != null) {
            events.notificationRequested(new IntegrationEvents.NotificationRequested(appkey, targetKind, request.target(),
                request.messageId(), request.apnJson()));
        }
    }
}
