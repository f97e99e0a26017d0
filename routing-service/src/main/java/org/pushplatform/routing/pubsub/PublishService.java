package org.pushplatform.routing.pubsub;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.messaging.IntegrationEvents;

/**
 * Publishing within one app, whoever asks: a client frame, the REST API, a Kafka command. Answers how many
 * connections got it, and tells other teams through an integration event.
 */
@ApplicationScoped
public class PublishService {

    private final TopicSubscribers topicSubscribers;
    private final AppQueries queries;
    private final Deliveries deliveries;
    private final IntegrationEvents events;

    public PublishService(TopicSubscribers topicSubscribers, AppQueries queries, Deliveries deliveries,
                          IntegrationEvents events) {
        this.topicSubscribers = topicSubscribers;
        this.queries = queries;
        this.deliveries = deliveries;
        this.events = events;
    }

    /** Every subscriber of the topic, on any node, gets {@code message {topic, msg}}. */
    public Uni<Integer> toTopic(String appkey, PublishRequest request) {
        return topicSubscribers.sessionsOf(appkey, request.target())
            .map(subscribers -> deliveries.toSessions(subscribers, "message", PubsubReplies.message(request.target(), request.msg())))
            .invoke(() -> accepted(appkey, "topic", request));
    }

    /** Every connection of every session with the alias gets {@code message {topic: alias, msg}}. */
    public Uni<Integer> toAlias(String appkey, PublishRequest request) {
        return queries.sessionsWithAlias(appkey, request.target())
            .map(targets -> deliveries.toSessions(targets, "message", PubsubReplies.message(request.target(), request.msg())))
            .invoke(() -> accepted(appkey, "alias", request));
    }

    private void accepted(String appkey, String targetKind, PublishRequest request) {
        events.messagePublished(new IntegrationEvents.MessagePublished(appkey, targetKind, request.target(), request.msg(),
            request.qos(), request.messageId()));
    }
}
