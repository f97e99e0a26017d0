package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.ClientConnection;

/** Questions about subscriptions: get_alias_list (who is on a topic) and get_topic_list (what an alias is on). */
@ApplicationScoped
public class TopicQueryService {

    private final SubscriptionRepository subscriptions;
    private final AliasService aliases;
    private final Deliveries deliveries;

    public TopicQueryService(SubscriptionRepository subscriptions, AliasService aliases, Deliveries deliveries) {
        this.subscriptions = subscriptions;
        this.aliases = aliases;
        this.deliveries = deliveries;
    }

    public Uni<Void> getAliasList(Envelope frame, ClientConnection client) {
        String topic = FrameFields.of(frame.payload(), false).topic();
        return Panache.withSession(() -> subscriptions.aliasesOf(client.appkey(), topic))
            .invoke(found -> deliveries.reply(frame, "get_alias_list_ack", PubsubReplies.aliasList(found)))
            .replaceWithVoid();
    }

    /** The caller's own topics, or with {@code alias} those of the sessions with that alias. */
    public Uni<Void> getTopicList(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), true);
        Uni<List<String>> sessionIds = fields.has("alias")
            ? aliases.sessionsWithAlias(client, fields.alias(false))
            : Uni.createFrom().item(List.of(client.sessionId()));
        return sessionIds
            .flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<String>of()) : Panache.withSession(() -> subscriptions.topicsOf(ids)))
            .invoke(topics -> deliveries.reply(frame, "get_topic_list_ack", PubsubReplies.topicList(topics)))
            .replaceWithVoid();
    }
}
