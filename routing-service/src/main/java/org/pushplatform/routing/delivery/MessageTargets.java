package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.ownership.SessionPartitions;

/**
 * The sessions a publish is for, read from PostgreSQL so that any instance can publish to any topic or alias:
 * a topic's subscribers, or the sessions with an alias.
 */
@ApplicationScoped
public class MessageTargets {

    private final Pool db;
    private final SessionPartitions partitions;

    public MessageTargets(Pool db, SessionPartitions partitions) {
        this.db = db;
        this.partitions = partitions;
    }

    public Uni<List<Target>> subscribersOf(String appkey, String topic) {
        return db.preparedQuery("SELECT s.session_id, s.customid FROM routing.subscription sub"
                + " JOIN routing.pubsub_session s ON s.session_id = sub.session_id WHERE sub.appkey = $1 AND sub.topic = $2")
            .execute(Tuple.of(appkey, topic)).map(rows -> fromRows(appkey, rows));
    }

    public Uni<List<Target>> withAlias(String appkey, String alias) {
        return db.preparedQuery("SELECT session_id, customid FROM routing.pubsub_session WHERE appkey = $1 AND alias = $2")
            .execute(Tuple.of(appkey, alias)).map(rows -> fromRows(appkey, rows));
    }

    /** Rows of (session_id, customid) of one app, as targets with their partitions. */
    List<Target> fromRows(String appkey, RowSet<Row> rows) {
        List<Target> targets = new ArrayList<>(rows.size());
        for (Row row : rows) {
            targets.add(new Target(row.getString(0), partitions.partitionOf(appkey, row.getString(1))));
        }
        return targets;
    }
}
