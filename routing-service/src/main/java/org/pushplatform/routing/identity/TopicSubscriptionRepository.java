package org.pushplatform.routing.identity;

import java.time.OffsetDateTime;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TopicSubscriptionRepository implements PanacheRepositoryBase<TopicSubscription, TopicSubscription.Key> {

    /** @return true when the subscription is new. Call inside a transaction. */
    public Uni<Boolean> subscribe(String app, String topic, String identityRef) {
        var key = new TopicSubscription.Key(app, topic, identityRef);
        return findById(key).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            TopicSubscription subscription = new TopicSubscription();
            subscription.app = app;
            subscription.topic = topic;
            subscription.identityRef = identityRef;
            subscription.createdAt = OffsetDateTime.now();
            return persist(subscription).replaceWith(true);
        });
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
