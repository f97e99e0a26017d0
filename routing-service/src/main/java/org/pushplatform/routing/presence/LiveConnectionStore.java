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
        "SELECT connection_id, node_id, app, identity_ref, identity_partition, api FROM routing.live_connection";

    private final Pool db;

    public LiveConnectionStore(Pool db) {
        this.db = db;
    }

    /**
     * @param nodeBootId the node's run as last heard, or null when not heard yet
     * @return the id of the transaction that wrote it
     */
    public Uni<Long> save(ClientConnection c, String nodeBootId) {
        return db.preparedQuery("INSERT INTO routing.live_connection (connection_id, node_id, app, identity_ref, identity_partition,"
                + " node_boot_id, api) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (connection_id) DO UPDATE SET node_id = $2,"
                + " app = $3, identity_ref = $4, identity_partition = $5, node_boot_id = $6, api = $7"
                + " RETURNING pg_current_xact_id()::text::bigint")
            .execute(Tuple.tuple(Arrays.asList(c.connectionId(), c.nodeId(), c.app(), c.identityRef(), c.partition(),
                nodeBootId, c.api()))).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Drops the connections of a node's earlier runs; returns their ids. */
    public Uni<List<String>> deleteOtherRuns(String nodeId, String bootId) {
        return db.preparedQuery("WITH gone AS (DELETE FROM routing.live_connection WHERE node_id = $1 AND node_boot_id IS NOT NULL"
                + " AND node_boot_id <> $2 RETURNING connection_id, identity_ref),"
                + " seen AS (UPDATE routing.identity SET last_seen_at = now() WHERE ref IN (SELECT identity_ref FROM gone))"
                + " SELECT connection_id FROM gone")
            .execute(Tuple.of(nodeId, bootId)).map(rows -> {
                List<String> ids = new ArrayList<>(rows.size());
                rows.forEach(row -> ids.add(row.getString(0)));
                return ids;
            });
    }

    /** The connection left that identity (it may since have been bound again, to another), which was seen until now. */
    public Uni<Void> delete(String connectionId, String identityRef) {
        return db.preparedQuery("WITH gone AS (DELETE FROM routing.live_connection WHERE connection_id = $1 AND identity_ref = $2"
                + " RETURNING identity_ref) UPDATE routing.identity SET last_seen_at = now() WHERE ref IN (SELECT identity_ref FROM gone)")
            .execute(Tuple.of(connectionId, identityRef)).replaceWithVoid();
    }

    public Uni<List<ClientConnection>> ofPartitions(Collection<Integer> partitions) {
        return db.preparedQuery(SELECT + " WHERE identity_partition = ANY($1)")
            .execute(Tuple.of(partitions.toArray(Integer[]::new))).map(LiveConnectionStore::connections);
    }

    public Uni<Optional<ClientConnection>> find(String connectionId) {
        return db.preparedQuery(SELECT + " WHERE connection_id = $1").execute(Tuple.of(connectionId))
            .map(rows -> connections(rows).stream().findFirst());
    }

    private static List<ClientConnection> connections(RowSet<Row> rows) {
        List<ClientConnection> connections = new ArrayList<>(rows.size());
        for (Row row : rows) {
            connections.add(new ClientConnection(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getInteger(4),
                row.getString(5)));
        }
        return connections;
    }

    /** online when any identity with the alias has a live connection, whichever instance owns it. */
    public Uni<Boolean> isAliasOnline(String app, String alias) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM routing.identity i JOIN routing.live_connection c"
                + " ON c.identity_ref = i.ref WHERE i.app = $1 AND i.alias = $2)")
            .execute(Tuple.of(app, alias)).map(rows -> rows.iterator().next().getBoolean(0));
    }
    /** Notes the transport a bound connection came over (for APIs with more than one). */
    public Uni<Void> setTransport(String connectionId, String transport) {
        return db.preparedQuery("UPDATE routing.live_connection SET transport = $2 WHERE connection_id = $1")
            .execute(Tuple.of(connectionId, transport)).replaceWithVoid();
    }

    /** One page of aliases online over an API's transport. */
    public record AliasPage(long total, List<String> aliases) {
    }

    /** The aliases of an app with a live connection of the API over the transport, in order, {@code limit} from {@code offset}. */
    public Uni<AliasPage> aliasesOnline(String app, String api, String transport, long offset, int limit) {
        String online = "SELECT DISTINCT i.alias FROM routing.live_connection c JOIN routing.identity i ON i.ref = c.identity_ref"
            + " WHERE c.app = $1 AND c.api = $2 AND c.transport = $3 AND i.alias IS NOT NULL";
        Tuple params = Tuple.of(app, api, transport);
        Uni<Long> total = db.preparedQuery("SELECT count(*) FROM (" + online + ") a").execute(params)
            .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<String>> page = db.preparedQuery(online + " ORDER BY i.alias OFFSET $4 LIMIT $5")
            .execute(Tuple.of(app, api, transport, offset, limit))
            .map(rows -> {
                List<String> aliases = new ArrayList<>(rows.size());
                rows.forEach(row -> aliases.add(row.getString(0)));
                return aliases;
            });
        return Uni.combine().all().unis(total, page).asTuple().map(both -> new AliasPage(both.getItem1(), both.getItem2()));
    }
}
