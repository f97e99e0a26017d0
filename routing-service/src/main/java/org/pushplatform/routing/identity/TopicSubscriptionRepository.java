package org.pushplatform.routing.identity;

import java.time.OffsetDateTime;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TopicSubscriptionRepository implements PanacheRepositoryBase<TopicSubscription, TopicSubscription.Key> {

    /** What a subscribe did. */
    public enum Subscribed { ADDED, ALREADY, FULL }

    /** @return true when the subscription is new. Call inside a transaction. */
    public Uni<Boolean> subscribe(String app, String topic, String identityRef) {
        return subscribe(app, topic, identityRef, Integer.MAX_VALUE).map(result -> result == Subscribed.ADDED);
    }

    /** Subscribes unless the identity has {@code most} subscriptions already. Call inside a transaction. */
    public Uni<Subscribed> subscribe(String app, String topic, String identityRef, int most) {
        var key = new TopicSubscription.Key(app, topic, identityRef);
        return findById(key).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(Subscribed.ALREADY);
            }
            return count("identityRef", identityRef).flatMap(held -> held >= most ? Uni.createFrom().item(Subscribed.FULL)
                : add(app, topic, identityRef));
        });
    }

    private Uni<Subscribed> add(String app, String topic, String identityRef) {
        TopicSubscription subscription = new TopicSubscription();
        subscription.app = app;
        subscription.topic = topic;
        subscription.identityRef = identityRef;
        subscription.createdAt = OffsetDateTime.now();
        return persist(subscription).replaceWith(Subscribed.ADDED);
    }

    /** @return true when there was such a subscription. Call inside a transaction. */
    public Uni<Boolean> unsubscribe(String app, String topic, String identityRef) {
        return deleteById(new TopicSubscription.Key(app, topic, identityRef));
    }

    public Uni<List<String>> topicsOf(List<String> identityRefs) {
        return getSession().flatMap(session -> session
            .createSelectionQuery("select distinct topic from TopicSubscription where identityRef in ?1 order by topic", String.class)
            .setParameter(1, identityRefs).getResultList());
    }

    /** The aliases of the topic's subscribers that have one, each once. */
    public Uni<List<String>> aliasesOf(String app, String topic) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select distinct i.alias from TopicSubscription sub join Identity i on i.ref = sub.identityRef"
                    + " where sub.app = ?1 and sub.topic = ?2 and i.alias is not null order by i.alias", String.class)
            .setParameter(1, app).setParameter(2, topic).getResultList());
    }
}
