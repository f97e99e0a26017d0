package org.pushplatform.routing.pubsub;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.routing.delivery.DeliveryHub;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.AppMessages;
import org.pushplatform.routing.messaging.IntegrationEvents;
import org.pushplatform.routing.quota.QuotaExceededException;

/**
 * Pubsub publishing within one app, whoever asks (a client frame, the REST API, a Kafka command), as app messages:
 * pubsub clients get {@code message {topic, msg}}, the clients of other APIs their own shape; stored first at QoS 1
 * and 2. Answers how many
 * identities the message is for, and tells other teams through integration events.
 */
@ApplicationScoped
public class PublishService {

    static final String API = "pubsub";

    private final DeliveryHub hub;
    private final AppMessages appMessages;
    private final IntegrationEvents events;

    public PublishService(DeliveryHub hub, AppMessages appMessages, IntegrationEvents events) {
        this.hub = hub;
        this.appMessages = appMessages;
        this.events = events;
    }

    /**
     * One publish.
     *
     * @param toAlias   to every session with the alias named by the request's target, or else to the topic
     * @param sourceId  the id of the frame or command asking, so that asking twice stores once; may be null
     * @param publisher the publishing session, for recvack; null from outside
     * @param frame     the client frame asking, or null
     */
    public record Publish(String appkey, boolean toAlias, PublishRequest request, String sourceId, Target publisher, Envelope frame) {
    }

    /** What became of one publish: how many sessions it is for, or why it was refused (a quota). */
    public record Published(int targets, String refusal) {
    }

    /**
     * Every subscriber of the topic gets {@code message {topic, msg}}. @return how many sessions it is for
     *
     * @throws QuotaExceededException (in the Uni) when storing it would pass the app's quota
     */
    public Uni<Integer> toTopic(String appkey, PublishRequest request, String sourceId, Target publisher) {
        return one(new Publish(appkey, false, request, sourceId, publisher, null));
    }

    /** Every session with the alias gets {@code message {topic: alias, msg}}; as {@link #toTopic}. */
    public Uni<Integer> toAlias(String appkey, PublishRequest request, String sourceId, Target publisher) {
        return one(new Publish(appkey, true, request, sourceId, publisher, null));
    }

    private Uni<Integer> one(Publish publish) {
        return publishAll(List.of(publish)).map(all -> {
            if (all.get(0).refusal() != null) {
                throw new QuotaExceededException(all.get(0).refusal());
            }
            return all.get(0).targets();
        });
    }

    /** Many publishes as deliveries of the core, together. @return what became of each, in order */
    public Uni<List<Published>> publishAll(List<Publish> publishes) {
        List<AppMessage> messages = publishes.stream().map(p -> new AppMessage(p.appkey(), p.toAlias(), p.request().target(),
            p.request().msg(), p.request().qos(), p.request().ttlSeconds(), p.request().messageId(), p.publisher(), p.sourceId())
            .withTrace(p.frame() == null ? null : p.frame().trace())).toList();
        return appMessages.sendAll(messages).map(accepted -> {
            List<Published> published = new ArrayList<>(accepted.size());
            for (int i = 0; i < accepted.size(); i++) {
                Publish publish = publishes.get(i);
                if (accepted.get(i).isNew()) {
                    accepted(publish.appkey(), publish.toAlias() ? "alias" : "topic", publish.request());
                }
                published.add(new Published(accepted.get(i).targets(), accepted.get(i).refusal()));
            }
            return published;
        });
    }

    /** A presence event on {@code <topic>/p}: QoS 0, and no message integration event (presence has its own). */
    public Uni<Void> presence(String appkey, String presenceTopic, JsonNode msg) {
        return hub.deliver(message(new Address.Topic(appkey, presenceTopic), presenceTopic, msg, 0, null, null), null, null)
            .replaceWithVoid();
    }

    private static Deliver message(Address to, String topic, JsonNode msg, int qos, Long ttlSeconds, String messageId) {
        List<JsonNode> args = PubsubReplies.message(topic, msg);
        return new Deliver(to, API, "message", args, qos, ttlSeconds, qos == 0 ? Ack.NONE : Ack.RECEIPT, messageId, null);
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
