package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, Subscription.Key> {

    public Uni<List<String>> topicsOf(List<String> sessionIds) {
        return getSession().flatMap(session -> session
            .createSelectionQuery("select distinct topic from Subscription where sessionId in ?1 order by topic", String.class)
            .setParameter(1, sessionIds).getResultList());
    }

    /** The aliases of the topic's subscribers that have one, each once. */
    public Uni<List<String>> aliasesOf(String appkey, String topic) {
        return getSession().flatMap(session -> session.createSelectionQuery(
                "select distinct s.alias from Subscription sub join PubsubSession s on s.sessionId = sub.sessionId"
                    + " where sub.appkey = ?1 and sub.topic = ?2 and s.alias is not null order by s.alias", String.class)
            .setParameter(1, appkey).setParameter(2, topic).getResultList());
    }
}
