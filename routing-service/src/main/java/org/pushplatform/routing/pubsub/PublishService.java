package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishing within one app, whoever asks: a client frame, the REST API. Answers how many connections got it. */
@ApplicationScoped
public class PublishService {

    private final TopicSubscribers topicSubscribers;
    private final SessionRepository sessions;
    private final Deliveries deliveries;

    public PublishService(TopicSubscribers topicSubscribers, SessionRepository sessions, Deliveries deliveries) {
        this.topicSubscribers = topicSubscribers;
        this.sessions = sessions;
        this.deliveries = deliveries;
    }

    /** Every subscriber of the topic, on any node, gets {@code message {topic, msg}}. */
    public Uni<Integer> toTopic(String appkey, PublishRequest request) {
        return topicSubscribers.sessionsOf(appkey, request.target())
            .map(subscribers -> deliveries.toSessions(subscribers, "message", PubsubReplies.message(request.target(), request.msg())));
    }

    /** Every connection of every session with the alias gets {@code message {topic: alias, msg}}. */
    public Uni<Integer> toAlias(String appkey, PublishRequest request) {
        return sessionsWithAlias(appkey, request.target())
            .map(targets -> deliveries.toSessions(targets, "message", PubsubReplies.message(request.target(), request.msg())));
    }

    Uni<List<String>> sessionsWithAlias(String appkey, String alias) {
        return Panache.withSession(() -> sessions.sessionIdsWithAlias(appkey, alias));
    }
}
