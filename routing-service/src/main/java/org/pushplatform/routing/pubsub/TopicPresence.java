package org.pushplatform.routing.pubsub;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.presence.ClientConnection;

/**
 * Presence on {@code <topic>/p}: the subscribers of {@code chat/p} get a {@code message} whenever a subscriber of
 * {@code chat} joins (subscribes), leaves (unsubscribes), comes online (its session's first connection) or goes
 * offline (its last connection closed). The msg is a JSON text, as msg is a string in the seed:
 * {@code {"action":"join|leave|online|offline","alias":"bob","timestamp":1700000000000}} (alias "" when none).
 * Presence topics have no presence of their own.
 */
@ApplicationScoped
public class TopicPresence {

    public static final String SUFFIX = "/p";

    private final Pool db;
    private final PublishService publishing;

    public TopicPresence(Pool db, PublishService publishing) {
        this.db = db;
        this.publishing = publishing;
    }

    /** join or leave, when a session subscribes to or unsubscribes from a topic. */
    public Uni<Void> subscriptionChanged(ClientConnection client, String topic, String action) {
        if (topic.endsWith(SUFFIX)) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("SELECT alias FROM routing.identity WHERE ref = $1").execute(Tuple.of(client.identityRef()))
            .flatMap(rows -> {
                String alias = rows.size() == 0 ? null : rows.iterator().next().getString(0);
                return publishing.presence(client.app(), topic + SUFFIX, PubsubReplies.presence(action, alias));
            });
    }

    /** online or offline, on every topic the session subscribes to. */
    public Uni<Void> sessionChanged(ClientConnection client, String action) {
        return db.preparedQuery("SELECT i.alias, sub.topic FROM routing.identity i JOIN routing.topic_subscription sub"
                + " ON sub.identity_ref = i.ref WHERE i.ref = $1")
            .execute(Tuple.of(client.identityRef()))
            .flatMap(rows -> {
                Uni<Void> all = Uni.createFrom().voidItem();
                for (Row row : rows) {
                    String topic = row.getString(1);
                    if (!topic.endsWith(SUFFIX)) {
                        var msg = PubsubReplies.presence(action, row.getString(0));
                        all = all.call(() -> publishing.presence(client.app(), topic + SUFFIX, msg));
                    }
                }
                return all;
            });
    }
}
