package org.pushplatform.chat.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connections that authenticated, with the account each speaks for: a frame of a connection not here is refused.
 * Kept in PostgreSQL, so that an instance that takes an account's partition over knows them too.
 */
@ApplicationScoped
public class ConnectionStore {

    /** An authenticated connection, and the device it named in its handshake ('' for none). */
    public record Authenticated(String connectionId, String app, String accountId, String nodeId, String device) {

        public org.pushplatform.contract.delivery.Address.Connection address() {
            return new org.pushplatform.contract.delivery.Address.Connection(app, nodeId, connectionId);
        }
    }

    private final Pool db;

    public ConnectionStore(Pool db) {
        this.db = db;
    }

    public Uni<Void> opened(List<Authenticated> connections) {
        if (connections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("INSERT INTO chat.connection (connection_id, app, account_id, node_id, device)"
                + " SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])"
                + " ON CONFLICT (connection_id) DO UPDATE SET app = EXCLUDED.app, account_id = EXCLUDED.account_id,"
                + " node_id = EXCLUDED.node_id, device = EXCLUDED.device, current_chat = NULL")
            .execute(Tuple.of(column(connections, Authenticated::connectionId), column(connections, Authenticated::app),
                column(connections, Authenticated::accountId), column(connections, Authenticated::nodeId),
                column(connections, Authenticated::device)))
            .replaceWithVoid();
    }

    public Uni<Void> closed(List<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // what was sent to a connection is of no use once it is gone: its device's delivered positions stay
        return db.preparedQuery("WITH positions AS (DELETE FROM chat.connection_position WHERE connection_id = ANY($1))"
                + " DELETE FROM chat.connection WHERE connection_id = ANY($1)")
            .execute(Tuple.of(connectionIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** The authenticated ones among these connections, by id. */
    public Uni<Map<String, Authenticated>> find(List<String> connectionIds) {
        if (connectionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT connection_id, app, account_id, node_id, device FROM chat.connection WHERE connection_id = ANY($1)")
            .execute(Tuple.of(connectionIds.toArray(String[]::new)))
            .map(rows -> {
                Map<String, Authenticated> found = new HashMap<>();
                rows.forEach(row -> found.put(row.getString(0),
                    new Authenticated(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4))));
                return found;
            });
    }

    /** The conversation the connection has open now ({@code current chat}); null for none. */
    /** An account of an app. */
    public record AccountRef(String app, String accountId) {
    }

    /** Which of these accounts have a connection open now (on any node). */
    public Uni<Set<AccountRef>> connected(Collection<AccountRef> accounts) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return db.preparedQuery("SELECT DISTINCT c.app, c.account_id FROM chat.connection c"
                + " JOIN unnest($1::varchar[], $2::varchar[]) AS a(app, account_id) ON c.app = a.app AND c.account_id = a.account_id")
            .execute(Tuple.of(accounts.stream().map(AccountRef::app).toArray(String[]::new),
                accounts.stream().map(AccountRef::accountId).toArray(String[]::new)))
            .map(rows -> {
                Set<AccountRef> connected = new HashSet<>();
                rows.forEach(row -> connected.add(new AccountRef(row.getString(0), row.getString(1))));
                return connected;
            });
    }

    public Uni<Void> currentChat(String connectionId, String conversationId) {
        return db.preparedQuery("UPDATE chat.connection SET current_chat = $2 WHERE connection_id = $1")
            .execute(Tuple.of(connectionId, conversationId)).replaceWithVoid();
    }

    private static String[] column(List<Authenticated> connections, java.util.function.Function<Authenticated, String> field) {
        List<String> values = new ArrayList<>(connections.size());
        connections.forEach(c -> values.add(field.apply(c)));
        return values.toArray(String[]::new);
    }
}
