package org.pushplatform.chat.sync;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatNudges;

/**
 * Where each device and connection stands in each conversation, in chat-service's schema. A message is pending for
 * a connection when it lies past what was sent to the connection, past what its device has (the gateway's receipts),
 * and within the account's window on the conversation (after it joined, not after it left).
 */
@ApplicationScoped
public class DevicePositions {

    /**
     * A message pending for a connection, with what its delivered shape shows; {@code sentByIt} when the connection sent
     * it, or the named device it belongs to did.
     */
    public record Pending(ConnectionStore.Authenticated to, String conversationId, short kind, String peer, boolean push, long seq,
                          String messageId, String sender, String senderName, String senderAvatar, boolean sentByIt, int type,
                          JsonNode body, OffsetDateTime time, String groupName, String groupAvatar) {

        boolean direct() {
            return kind == Conversations.DIRECT;
        }
    }

    /** How far a connection was sent in a conversation. */
    public record Sent(String connectionId, String conversationId, long seq) {
    }

    /** A message a device has, by id (the core's outcome names the message, not its place). */
    public record Delivered(String app, String accountId, String device, String messageId) {
    }

    /** A device has this conversation up to seq (a message it sent itself). */
    public record Has(String app, String accountId, String device, String conversationId, long seq) {
    }

    private static final String PENDING = " SELECT t.connection_id, t.node_id, t.app, t.account_id, t.device, t.conversation_id, c.kind,"
        + " cm.peer, cm.is_push, m.seq, m.id, m.sender, s.name, s.avatar,"
        + " m.origin_connection = t.connection_id OR (m.sender = t.account_id AND m.origin_device = t.device AND t.device <> ''),"
        + " m.type, m.body, m.created_at,"
        + " g.name, g.avatar FROM targets t"
        + " JOIN chat.conversation_member cm ON cm.app = t.app AND cm.account_id = t.account_id AND cm.conversation_id = t.conversation_id"
        + " JOIN chat.conversation c ON c.app = t.app AND c.id = t.conversation_id"
        + " LEFT JOIN chat.connection_position cp ON cp.connection_id = t.connection_id AND cp.conversation_id = t.conversation_id"
        + " LEFT JOIN chat.device_position dp ON dp.app = t.app AND dp.account_id = t.account_id AND dp.device = t.device"
        + " AND dp.conversation_id = t.conversation_id"
        + " JOIN LATERAL (SELECT * FROM chat.message m WHERE m.app = t.app AND m.conversation_id = t.conversation_id"
        + " AND m.seq > greatest(coalesce(cp.sent_seq, 0), coalesce(dp.delivered_seq, 0), cm.joined_seq)"
        + " AND (cm.left_seq IS NULL OR m.seq <= cm.left_seq) ORDER BY m.seq LIMIT $%d) m ON true"
        + " JOIN chat.account s ON s.app = m.app AND s.id = m.sender"
        + " LEFT JOIN chat.chat_group g ON c.kind = " + Conversations.GROUP + " AND g.app = t.app AND g.id = cm.peer"
        + " ORDER BY t.connection_id, t.conversation_id, m.seq";

    private final Pool db;

    public DevicePositions(Pool db) {
        this.db = db;
    }

    /** Records the devices of these connections; one seen for the first time starts at the account's read positions. */
    public Uni<Void> register(List<ConnectionStore.Authenticated> connections) {
        if (connections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("WITH d AS (SELECT DISTINCT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS d(app, account_id, device)),"
                + " fresh AS (INSERT INTO chat.device (app, account_id, device) SELECT * FROM d ON CONFLICT DO NOTHING"
                + " RETURNING app, account_id, device)"
                + " INSERT INTO chat.device_position (app, account_id, device, conversation_id, delivered_seq)"
                + " SELECT f.app, f.account_id, f.device, cm.conversation_id, cm.read_seq FROM fresh f"
                + " JOIN chat.conversation_member cm ON cm.app = f.app AND cm.account_id = f.account_id ON CONFLICT DO NOTHING")
            .execute(Tuple.of(column(connections, ConnectionStore.Authenticated::app),
                column(connections, ConnectionStore.Authenticated::accountId), column(connections, ConnectionStore.Authenticated::device)))
            .replaceWithVoid();
    }

    /** What is pending for these connections in every conversation of their accounts, at most {@code limit} per conversation. */
    public Uni<List<Pending>> pendingForConnections(List<String> connectionIds, int limit) {
        return db.preparedQuery("WITH targets AS (SELECT c.connection_id, c.node_id, c.app, c.account_id, c.device, cm.conversation_id"
                + " FROM chat.connection c JOIN chat.conversation_member cm ON cm.app = c.app AND cm.account_id = c.account_id"
                + " WHERE c.connection_id = ANY($1))" + PENDING.formatted(2))
            .execute(Tuple.of(connectionIds.toArray(String[]::new), limit))
            .map(DevicePositions::pending);
    }

    /** What is pending in these conversations for the connections of these accounts, at most {@code limit} per conversation. */
    public Uni<List<Pending>> pendingForNews(List<ChatNudges.News> news, int limit) {
        return db.preparedQuery("WITH n AS (SELECT DISTINCT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS n(app, account_id, conversation_id)),"
                + " targets AS (SELECT c.connection_id, c.node_id, c.app, c.account_id, c.device, n.conversation_id FROM n"
                + " JOIN chat.connection c ON c.app = n.app AND c.account_id = n.account_id)" + PENDING.formatted(4))
            .execute(Tuple.of(column(news, ChatNudges.News::app), column(news, ChatNudges.News::accountId),
                column(news, ChatNudges.News::conversationId), limit))
            .map(DevicePositions::pending);
    }

    /** Moves what was sent to these connections forward (those still open). */
    public Uni<Void> sent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("INSERT INTO chat.connection_position (connection_id, conversation_id, sent_seq)"
                + " SELECT s.* FROM unnest($1::varchar[], $2::varchar[], $3::bigint[]) AS s(connection_id, conversation_id, sent_seq)"
                + " WHERE EXISTS (SELECT 1 FROM chat.connection c WHERE c.connection_id = s.connection_id)"
                + " ON CONFLICT (connection_id, conversation_id) DO UPDATE SET sent_seq = greatest(chat.connection_position.sent_seq,"
                + " EXCLUDED.sent_seq)")
            .execute(Tuple.of(column(sent, Sent::connectionId), column(sent, Sent::conversationId),
                sent.stream().map(Sent::seq).toArray(Long[]::new)))
            .replaceWithVoid();
    }

    /** Moves devices' delivered positions forward to messages they sent themselves. */
    public Uni<Void> has(List<Has> has) {
        if (has.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("INSERT INTO chat.device_position (app, account_id, device, conversation_id, delivered_seq)"
                + " SELECT app, account_id, device, conversation_id, max(seq) FROM unnest($1::varchar[], $2::varchar[], $3::varchar[],"
                + " $4::varchar[], $5::bigint[]) AS h(app, account_id, device, conversation_id, seq) GROUP BY 1, 2, 3, 4"
                + " ON CONFLICT (app, account_id, device, conversation_id) DO UPDATE"
                + " SET delivered_seq = greatest(chat.device_position.delivered_seq, EXCLUDED.delivered_seq)")
            .execute(Tuple.of(column(has, Has::app), column(has, Has::accountId), column(has, Has::device), column(has, Has::conversationId),
                has.stream().map(Has::seq).toArray(Long[]::new)))
            .replaceWithVoid();
    }

    /** Moves devices' delivered positions forward to the messages the gateways wrote to them. */
    public Uni<Void> delivered(List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("INSERT INTO chat.device_position (app, account_id, device, conversation_id, delivered_seq)"
                + " SELECT d.app, d.account_id, d.device, m.conversation_id, max(m.seq) FROM unnest($1::varchar[], $2::varchar[],"
                + " $3::varchar[], $4::varchar[]) AS d(app, account_id, device, message_id)"
                + " JOIN chat.message m ON m.app = d.app AND m.id = d.message_id GROUP BY 1, 2, 3, 4"
                + " ON CONFLICT (app, account_id, device, conversation_id) DO UPDATE"
                + " SET delivered_seq = greatest(chat.device_position.delivered_seq, EXCLUDED.delivered_seq)")
            .execute(Tuple.of(column(delivered, Delivered::app), column(delivered, Delivered::accountId),
                column(delivered, Delivered::device), column(delivered, Delivered::messageId)))
            .replaceWithVoid();
    }

    /** A device's delivered position in one conversation, as the admin API shows it. */
    public record Position(String device, String with, boolean group, long delivered) {
    }

    /** A device of an account and how many connections it has open now. */
    public record Device(String device, OffsetDateTime firstSeen, long connections) {
    }

    public Uni<List<Device>> devices(String app, String accountId) {
        return db.preparedQuery("SELECT d.device, d.first_seen, (SELECT count(*) FROM chat.connection c WHERE c.app = d.app"
                + " AND c.account_id = d.account_id AND c.device = d.device) FROM chat.device d WHERE d.app = $1 AND d.account_id = $2"
                + " ORDER BY d.device")
            .execute(Tuple.of(app, accountId))
            .map(rows -> {
                List<Device> devices = new ArrayList<>();
                rows.forEach(row -> devices.add(new Device(row.getString(0), row.getOffsetDateTime(1), row.getLong(2))));
                return devices;
            });
    }

    /** Every device of an account and its delivered positions, the conversation named by the peer or group. */
    public Uni<List<Position>> of(String app, String accountId) {
        return db.preparedQuery("SELECT p.device, m.peer, c.kind, p.delivered_seq FROM chat.device_position p"
                + " JOIN chat.conversation_member m ON m.app = p.app AND m.account_id = p.account_id AND m.conversation_id = p.conversation_id"
                + " JOIN chat.conversation c ON c.app = p.app AND c.id = p.conversation_id"
                + " WHERE p.app = $1 AND p.account_id = $2 ORDER BY p.device, m.peer")
            .execute(Tuple.of(app, accountId))
            .map(rows -> {
                List<Position> positions = new ArrayList<>();
                rows.forEach(row -> positions.add(new Position(row.getString(0), row.getString(1), row.getShort(2) == Conversations.GROUP,
                    row.getLong(3))));
                return positions;
            });
    }

    private static List<Pending> pending(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Pending> pending = new ArrayList<>();
        for (Row row : rows) {
            var to = new ConnectionStore.Authenticated(row.getString(0), row.getString(2), row.getString(3), row.getString(1), row.getString(4));
            pending.add(new Pending(to, row.getString(5), row.getShort(6), row.getString(7), row.getBoolean(8), row.getLong(9),
                row.getString(10), row.getString(11), row.getString(12), row.getString(13), Boolean.TRUE.equals(row.getBoolean(14)), row.getShort(15),
                MessageStore.bodyOf(row.getJsonObject(16)), row.getOffsetDateTime(17), row.getString(18), row.getString(19)));
        }
        return pending;
    }

    private static <T> String[] column(List<T> items, Function<T, String> field) {
        return items.stream().map(field).toArray(String[]::new);
    }
}
