package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.delivery.IdentityDirectory;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.identity.TopicSubscriptionRepository;
import org.pushplatform.routing.presence.LiveConnectionStore;

/** Questions about one app's aliases and topics, for client frames and the REST API alike. */
@ApplicationScoped
public class AppQueries {

    private final IdentityDirectory targets;
    private final TopicSubscriptionRepository subscriptions;
    private final LiveConnectionStore connections;

    public AppQueries(IdentityDirectory targets, TopicSubscriptionRepository subscriptions, LiveConnectionStore connections) {
        this.targets = targets;
        this.subscriptions = subscriptions;
        this.connections = connections;
    }

    /** online when any session with the alias has a live connection. */
    public Uni<Boolean> isOnline(String appkey, String alias) {
        return connections.isAliasOnline(appkey, alias);
    }

    /** The aliases of the topic's subscribers that have one. */
    public Uni<List<String>> aliasesOf(String appkey, String topic) {
        return Panache.withSession(() -> subscriptions.aliasesOf(appkey, topic));
    }

    public Uni<List<String>> topicsOfAlias(String appkey, String alias) {
        return targets.withAlias(appkey, alias)
            .flatMap(sessions -> topicsOfSessions(sessions.stream().map(Target::identityRef).toList()));
    }

    public Uni<List<String>> topicsOfSessions(List<String> sessionIds) {
        return sessionIds.isEmpty() ? Uni.createFrom().item(List.of()) : Panache.withSession(() -> subscriptions.topicsOf(sessionIds));
    }
}
