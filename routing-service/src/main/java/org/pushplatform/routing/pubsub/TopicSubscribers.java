package org.pushplatform.routing.pubsub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The sessions subscribed to each topic, loaded from PostgreSQL on a topic's first use and kept in step after. */
@ApplicationScoped
public class TopicSubscribers {

    private final SubscriptionRepository subscriptions;
    private final Map<String, Set<String>> sessionsByTopic = new ConcurrentHashMap<>();

    public TopicSubscribers(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public Uni<Set<String>> sessionsOf(String appkey, String topic) {
        String key = key(appkey, topic);
        Set<String> cached = sessionsByTopic.get(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> subscriptions.sessionsOf(appkey, topic))
            .map(loaded -> sessionsByTopic.computeIfAbsent(key, k -> {
                Set<String> sessions = ConcurrentHashMap.newKeySet();
                sessions.addAll(loaded);
                return sessions;
            }));
    }

    /** Call after the subscription is stored; a topic not yet cached loads it with the others on first use. */
    public void added(String appkey, String topic, String sessionId) {
        Set<String> cached = sessionsByTopic.get(key(appkey, topic));
        if (cached != null) {
            cached.add(sessionId);
        }
    }

    public void removed(String appkey, String topic, String sessionId) {
        Set<String> cached = sessionsByTopic.get(key(appkey, topic));
        if (cached != null) {
            cached.remove(sessionId);
        }
    }

    private static String key(String appkey, String topic) {
        return appkey + '/' + topic;
    }
}
