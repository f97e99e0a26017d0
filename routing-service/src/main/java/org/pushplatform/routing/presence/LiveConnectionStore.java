package org.pushplatform.routing.presence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The live connections in PostgreSQL: what a new owner of a partition starts from, and what get_state asks. */
@ApplicationScoped
public class LiveConnectionStore {

    private static final String SELECT =
        "SELECT connection_id, node_id, appkey, session_id, session_partition FROM routing.live_connection";

    private final Pool db;

    public LiveConnectionStore(Pool db) {
        this.db = db;
    }

    /** @param nodeBootId the node's run as last heard, or null when not heard yet */
    public Uni<Void> save(ClientConnection c, String nodeBootId) {
        return db.preparedQuery("INSERT INTO routing.live_connection (connection_id, node_id, appkey, session_id, session_partition,"
                + " node_boot_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (connection_id) DO UPDATE SET node_id = $2,"
                + " appkey = $3, session_id = $4, session_partition = $5, node_boot_id = $6")
            .execute(Tuple.tuple(Arrays.asList(c.connectionId(), c.nodeId(), c.appkey(), c.sessionId(), c.partition(),
                nodeBootId))).replaceWithVoid();
    }

    /** Drops the connections of a node's earlier runs; returns their ids. */
    public Uni<List<String>> deleteOtherRuns(String nodeId, String bootId) {
        return db.preparedQuery("DELETE FROM routing.live_connection WHERE node_id = $1 AND node_boot_id IS NOT NULL"
                + " AND node_boot_id <> $2 RETURNING connection_id")
            .execute(Tuple.of(nodeId, bootId)).map(rows -> {
                List<String> ids = new ArrayList<>(rows.size());
                rows.forEach(row -> ids.add(row.getString(0)));
                return ids;
            });
    }

    /** The connection left that session (it may since have been bound again, to another). */
    public Uni<Void> delete(String connectionId, String sessionId) {
        return db.preparedQuery("DELETE FROM routing.live_connection WHERE connection_id = $1 AND session_id = $2")
            .execute(Tuple.of(connectionId, sessionId)).replaceWithVoid();
    }

    public Uni<List<ClientConnection>> ofPartitions(Collection<Integer> partitions) {
        return db.preparedQuery(SELECT + " WHERE session_partition = ANY($1)")
            .execute(Tuple.of(partitions.toArray(Integer[]::new))).map(LiveConnectionStore::connections);
    }

    public Uni<Optional<ClientConnection>> find(String connectionId) {
        return db.preparedQuery(SELECT + " WHERE connection_id = $1").execute(Tuple.of(connectionId))
            .map(rows -> connections(rows).stream().findFirst());
    }

    private static List<ClientConnection> connections(RowSet<Row> rows) {
        List<ClientConnection> connections = new ArrayList<>(rows.size());
        for (Row row : rows) {
            connections.add(new ClientConnection(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getInteger(4)));
        }
        return connections;
    }

    /** online when any session with the alias has a live connection, whichever instance owns it. */
    public Uni<Boolean> isAliasOnline(String appkey, String alias) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM routing.pubsub_session s JOIN routing.live_connection c"
                + " ON c.session_id = s.session_id WHERE s.appkey = $1 AND s.alias = $2)")
            .execute(Tuple.of(appkey, alias)).map(rows -> rows.iterator().next().getBoolean(0));
    }
}
