package org.pushplatform.routing.mqtt;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.TopicFilters;

/** The topic filters of MQTT sessions, in the core's {@code topic_filter} table (which the core matches topics against). */
@ApplicationScoped
public class MqttSubscriptions {

    private final Pool db;

    public MqttSubscriptions(Pool db) {
        this.db = db;
    }

    /** What a SUBSCRIBE did to one filter: the QoS granted (-1: refused), and whether the session had it already. */
    public record Granted(int qos, boolean existed) {
    }

    /**
     * Adds or replaces the session's filters, as long as it holds at most {@code most}; the QoS granted is at most
     * {@link MqttApi#MAX_QOS}. @return per filter, what was granted (refused: invalid, or one too many)
     */
    public Uni<List<Granted>> subscribe(String app, String identityRef, List<MqttApi.Subscription> asked, int most) {
        return db.withTransaction(tx -> tx.preparedQuery("SELECT filter FROM routing.topic_filter WHERE identity_ref = $1 FOR UPDATE")
            .execute(Tuple.of(identityRef)).flatMap(rows -> {
                java.util.Set<String> held = new java.util.HashSet<>();
                rows.forEach(row -> held.add(row.getString(0)));
                java.util.Set<String> existed = java.util.Set.copyOf(held);
                List<Granted> granted = new ArrayList<>(asked.size());
                List<Tuple> inserts = new ArrayList<>();
                for (MqttApi.Subscription subscription : asked) {
                    String filter = subscription.filter();
                    if (TopicFilters.filterProblem(filter) != null || subscription.qos() < 0 || subscription.qos() > 2
                        || (!held.contains(filter) && held.size() >= most)) {
                        granted.add(new Granted(-1, existed.contains(filter)));
                        continue;
                    }
                    held.add(filter);
                    int qos = Math.min(subscription.qos(), MqttApi.MAX_QOS);
                    granted.add(new Granted(qos, existed.contains(filter)));
                    inserts.add(Tuple.tuple(java.util.Arrays.asList(app, filter, TopicFilters.prefixOf(filter), identityRef, (short) qos,
                        subscription.noLocal(), subscription.retainAsPublished(), TopicFilters.shareGroupOf(filter), subscription.subscriptionId())));
                }
                if (inserts.isEmpty()) {
                    return Uni.createFrom().item(granted);
                }
                return tx.preparedQuery("INSERT INTO routing.topic_filter (app, filter, prefix, identity_ref, qos, no_local, retain_as_published,"
                        + " share_group, subscription_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (identity_ref, filter) DO UPDATE"
                        + " SET qos = EXCLUDED.qos, no_local = EXCLUDED.no_local, retain_as_published = EXCLUDED.retain_as_published,"
                        + " subscription_id = EXCLUDED.subscription_id")
                    .executeBatch(inserts).replaceWith(granted);
            }));
    }

    /** @return per filter, whether the session had it */
    public Uni<List<Boolean>> unsubscribe(String identityRef, List<String> filters) {
        return db.preparedQuery("DELETE FROM routing.topic_filter WHERE identity_ref = $1 AND filter = ANY($2) RETURNING filter")
            .execute(Tuple.of(identityRef, filters.toArray(String[]::new))).map(rows -> {
                java.util.Set<String> removed = new java.util.HashSet<>();
                rows.forEach(row -> removed.add(row.getString(0)));
                return filters.stream().map(removed::contains).toList();
            });
    }

    /** The session's filters, in the order they were made. */
    public Uni<List<MqttApi.Subscription>> of(String identityRef) {
        return db.preparedQuery("SELECT filter, qos, no_local, retain_as_published, subscription_id FROM routing.topic_filter WHERE identity_ref = $1"
                + " ORDER BY created_at, filter")
            .execute(Tuple.of(identityRef)).map(rows -> {
                List<MqttApi.Subscription> found = new ArrayList<>();
                for (Row row : rows) {
                    found.add(new MqttApi.Subscription(row.getString(0), row.getInteger(1), row.getBoolean(2), row.getBoolean(3), 0,
                        row.getInteger(4)));
                }
                return found;
            });
    }
}
