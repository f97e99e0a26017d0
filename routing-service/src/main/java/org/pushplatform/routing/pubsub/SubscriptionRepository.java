package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, Subscription.Key> {

    public Uni<List<String>> sessionsOf(String appkey, String topic) {
        return find("appkey = ?1 and topic = ?2", appkey, topic).project(SessionIdOnly.class).list()
            .map(rows -> rows.stream().map(SessionIdOnly::sessionId).toList());
    }

    /** Projection of a subscription to its session id. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record SessionIdOnly(String sessionId) {
    }
}
