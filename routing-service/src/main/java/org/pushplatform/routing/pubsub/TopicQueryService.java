package org.pushplatform.routing.pubsub;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.ClientConnection;

/** Questions about subscriptions: get_alias_list (who is on a topic) and get_topic_list (what an alias is on). */
@ApplicationScoped
public class TopicQueryService {

    private final AppQueries queries;
    private final Deliveries deliveries;

    public TopicQueryService(AppQueries queries, Deliveries deliveries) {
        this.queries = queries;
        this.deliveries = deliveries;
    }

    public Uni<Void> getAliasList(Envelope frame, ClientConnection client) {
        String topic = FrameFields.of(frame.payload(), false).topic();
        return queries.aliasesOf(client.app(), topic)
            .invoke(found -> deliveries.reply(frame, "get_alias_list_ack", PubsubReplies.aliasList(found)))
            .replaceWithVoid();
    }

    /** The caller's own topics, or with {@code alias} those of the sessions with that alias. */
    public Uni<Void> getTopicList(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), true);
        Uni<List<String>> topics = fields.has("alias")
            ? queries.topicsOfAlias(client.app(), fields.alias(false))
            : queries.topicsOfSessions(List.of(client.identityRef()));
        return topics
            .invoke(found -> deliveries.reply(frame, "get_topic_list_ack", PubsubReplies.topicList(found)))
            .replaceWithVoid();
    }
}
