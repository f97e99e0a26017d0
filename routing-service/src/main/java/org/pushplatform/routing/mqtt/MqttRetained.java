package org.pushplatform.routing.mqtt;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.TopicFilters;

/** MQTT's retained messages, one per topic of an app, in PostgreSQL: they outlive every node. */
@ApplicationScoped
public class MqttRetained {

    /** Retained messages sent to one new subscription at most: a {@code #} on a large app is not a way to dump it. */
    static final int MOST_PER_SUBSCRIPTION = 1000;

    private final Pool db;

    public MqttRetained(Pool db) {
        this.db = db;
    }

    /** Keeps the message as its topic's retained one; an empty payload removes the topic's. */
    public Uni<Void> retain(String app, MqttApi.Message message) {
        if (message.payload() == null || message.payload().isEmpty()) {
            return db.preparedQuery("DELETE FROM routing.mqtt_retained WHERE app = $1 AND topic = $2")
                .execute(Tuple.of(app, message.topic())).replaceWithVoid();
        }
        Long expiresAt = message.properties() == null ? null : message.properties().expiresAt();
        return db.preparedQuery("INSERT INTO routing.mqtt_retained (app, topic, message, expires_at) VALUES ($1, $2, $3,"
                + " CASE WHEN $4::bigint IS NULL THEN NULL ELSE to_timestamp($4::bigint / 1000.0) END)"
                + " ON CONFLICT (app, topic) DO UPDATE SET message = EXCLUDED.message, expires_at = EXCLUDED.expires_at, updated_at = now()")
            .execute(Tuple.of(app, message.topic(), EnvelopeCodec.toJson(message.withDelivery(message.topic(), message.qos(), true)).toString(),
                expiresAt))
            .replaceWithVoid();
    }

    /** The retained messages (not expired) whose topic the filter matches. */
    public Uni<List<MqttApi.Message>> matching(String app, String filter) {
        String prefix = TopicFilters.prefixOf(filter);
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + (TopicFilters.hasWildcard(filter) ? "%" : "");
        return db.preparedQuery("SELECT topic, message FROM routing.mqtt_retained WHERE app = $1 AND topic LIKE $2"
                + " AND (expires_at IS NULL OR expires_at > now()) ORDER BY topic LIMIT " + (MOST_PER_SUBSCRIPTION * 4))
            .execute(Tuple.of(app, like)).map(rows -> {
                List<MqttApi.Message> found = new ArrayList<>();
                for (Row row : rows) {
                    if (found.size() < MOST_PER_SUBSCRIPTION && TopicFilters.matches(filter, row.getString(0))) {
                        try {
                            found.add(EnvelopeCodec.mapper().readValue(row.getString(1), MqttApi.Message.class));
                        } catch (JsonProcessingException e) {
                            // written by this class: never
                        }
                    }
                }
                return found;
            });
    }
}
