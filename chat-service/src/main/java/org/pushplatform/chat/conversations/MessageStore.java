package org.pushplatform.chat.conversations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Messages, stored once each with the next sequence number of their conversation (no gaps: the conversation's row is
 * locked while it is taken), and every member's read position. The sender's position moves in the same transaction,
 * so one's own messages are never unread; a receiver that has the conversation open on a device reads it at once.
 */
@ApplicationScoped
public class MessageStore {

    /**
     * A message to store: its body is the delivered {@code msg}, {@code card} and {@code refer}. {@code receiver} is the
     * other account of a 1:1 conversation (made with the first message), null in a group's (made with the group);
     * {@code originConnection} and {@code originDevice} the connection and device that sent it (not sent back there),
     * null when an admin call made it.
     */
    public record NewMessage(String app, String conversationId, String sender, String receiver, String clientMsgId, int type,
                             JsonNode body, String originConnection, String originDevice) {
        boolean direct() {
            return receiver != null;
        }
    }

    /** A stored message; {@code repeated} when the same client message id was stored before (nothing new was). */
    public record Stored(String id, long seq, OffsetDateTime time, boolean repeated) {
    }

    /** A message quoted by another ({@code refer}), with what the quote shows of it. */
    public record Quoted(String id, String text, OffsetDateTime time, String senderId, String senderName, String senderAvatar) {
    }

    /** A stored message as history shows it. */
    public record HistoryEntry(long seq, String id, String sender, int type, JsonNode body, OffsetDateTime time) {
    }

    /**
     * Unread messages of one conversation for one account: {@code peer} is the other account or the group;
     * {@code push} false when the account muted the group; the last @-mention of it when that is unread.
     */
    public record Unread(String conversationId, short kind, String peer, long count, boolean push, String mentionMsgId,
                         OffsetDateTime mentionAt) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Pool db;

    public MessageStore(Pool db) {
        this.db = db;
    }

    public Uni<Stored> store(NewMessage message) {
        return db.withTransaction(tx -> repeated(tx, message).flatMap(before -> before != null ? Uni.createFrom().item(before)
            : nextSeq(tx, message).flatMap(seq -> insert(tx, message, seq))));
    }

    private Uni<Stored> repeated(SqlConnection tx, NewMessage m) {
        if (m.clientMsgId() == null) {
            return Uni.createFrom().nullItem();
        }
        return tx.preparedQuery("SELECT id, seq, created_at FROM chat.message WHERE app = $1 AND sender = $2 AND client_msg_id = $3")
            .execute(Tuple.of(m.app(), m.sender(), m.clientMsgId()))
            .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next(), true));
    }

    private Uni<Long> nextSeq(SqlConnection tx, NewMessage m) {
        if (!m.direct()) {
            return tx.preparedQuery("UPDATE chat.conversation SET last_seq = last_seq + 1 WHERE app = $1 AND id = $2 RETURNING last_seq")
                .execute(Tuple.of(m.app(), m.conversationId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("no conversation " + m.conversationId());
                    }
                    return rows.iterator().next().getLong(0);
                });
        }
        return tx.preparedQuery("WITH c AS (INSERT INTO chat.conversation (app, id, kind, last_seq) VALUES ($1, $2, $5, 1)"
                + " ON CONFLICT (app, id) DO UPDATE SET last_seq = chat.conversation.last_seq + 1 RETURNING last_seq),"
                + " members AS (INSERT INTO chat.conversation_member (app, conversation_id, account_id, peer)"
                + " VALUES ($1, $2, $3, $4), ($1, $2, $4, $3) ON CONFLICT DO NOTHING)"
                + " SELECT last_seq FROM c")
            .execute(Tuple.of(m.app(), m.conversationId(), m.sender(), m.receiver(), Conversations.DIRECT))
            .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Stored> insert(SqlConnection tx, NewMessage m, long seq) {
        String id = UUID.randomUUID().toString();
        return tx.preparedQuery("WITH stored AS (INSERT INTO chat.message (app, conversation_id, seq, id, sender, client_msg_id, type, body,"
                + " origin_connection, origin_device) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, seq, created_at),"
                + " own AS (UPDATE chat.conversation_member SET read_seq = greatest(read_seq, $3)"
                + " WHERE app = $1 AND conversation_id = $2 AND account_id = $5),"
                + " open AS (UPDATE chat.conversation_member SET read_seq = greatest(read_seq, $3)"
                + " WHERE app = $1 AND conversation_id = $2 AND account_id <> $5 AND left_seq IS NULL AND account_id IN"
                + " (SELECT account_id FROM chat.connection WHERE app = $1 AND current_chat = $2))"
                + " SELECT id, seq, created_at FROM stored")
            .execute(Tuple.tuple(java.util.Arrays.asList(m.app(), m.conversationId(), seq, id, m.sender(), m.clientMsgId(),
                (short) m.type(), new JsonObject(m.body().toString()), m.originConnection(), m.originDevice())))
            .map(rows -> stored(rows.iterator().next(), false));
    }

    private static Stored stored(Row row, boolean repeated) {
        return new Stored(row.getString(0), row.getLong(1), row.getOffsetDateTime(2), repeated);
    }

    /** A message of a conversation the reader is a member of, within its window; null when there is none such (or not theirs to see). */
    public Uni<Quoted> quotable(String app, String messageId, String readerId) {
        return db.preparedQuery("SELECT m.id, m.body -> 'msg' ->> 'con', m.created_at, a.id, a.name, a.avatar FROM chat.message m"
                + " JOIN chat.conversation_member r ON r.app = m.app AND r.conversation_id = m.conversation_id AND r.account_id = $3"
                + " AND m.seq > r.joined_seq AND (r.left_seq IS NULL OR m.seq <= r.left_seq)"
                + " JOIN chat.account a ON a.app = m.app AND a.id = m.sender WHERE m.app = $1 AND m.id = $2")
            .execute(Tuple.of(app, messageId, readerId))
            .map(rows -> {
                if (rows.size() == 0) {
                    return null;
                }
                Row row = rows.iterator().next();
                return new Quoted(row.getString(0), row.getString(1), row.getOffsetDateTime(2), row.getString(3), row.getString(4),
                    row.getString(5));
            });
    }

    /** One page of a conversation's messages after a sequence number, oldest first. */
    public Uni<List<HistoryEntry>> history(String app, String conversationId, long afterSeq, int limit) {
        return db.preparedQuery("SELECT seq, id, sender, type, body, created_at FROM chat.message"
                + " WHERE app = $1 AND conversation_id = $2 AND seq > $3 ORDER BY seq LIMIT $4")
            .execute(Tuple.of(app, conversationId, afterSeq, limit))
            .map(rows -> {
                List<HistoryEntry> page = new ArrayList<>();
                for (Row row : rows) {
                    page.add(new HistoryEntry(row.getLong(0), row.getString(1), row.getString(2), row.getShort(3),
                        bodyOf(row.getJsonObject(4)), row.getOffsetDateTime(5)));
                }
                return page;
            });
    }

    /** A stored message body (a {@code jsonb} column) as the delivered shapes build on it. */
    public static JsonNode bodyOf(JsonObject stored) {
        try {
            return JSON.readTree(stored.encode());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored message body that is no JSON", e);
        }
    }

    /** The account's conversations with unread messages (last seq minus its read position), those it left not among them. */
    public Uni<List<Unread>> unread(String app, String accountId) {
        return db.preparedQuery("SELECT m.conversation_id, c.kind, m.peer, c.last_seq - m.read_seq, m.is_push,"
                + " CASE WHEN m.mention_seq > m.read_seq THEN m.mention_msg_id END, CASE WHEN m.mention_seq > m.read_seq THEN m.mention_at END"
                + " FROM chat.conversation_member m JOIN chat.conversation c ON c.app = m.app AND c.id = m.conversation_id"
                + " WHERE m.app = $1 AND m.account_id = $2 AND m.left_seq IS NULL AND c.last_seq > m.read_seq ORDER BY m.conversation_id")
            .execute(Tuple.of(app, accountId))
            .map(rows -> {
                List<Unread> unread = new ArrayList<>();
                rows.forEach(row -> unread.add(new Unread(row.getString(0), row.getShort(1), row.getString(2), row.getLong(3),
                    row.getBoolean(4), row.getString(5), row.getOffsetDateTime(6))));
                return unread;
            });
    }

    /** Reads a conversation to its end for the account (null: every conversation). */
    public Uni<Void> readAll(String app, String accountId, String conversationId) {
        return db.preparedQuery("UPDATE chat.conversation_member m SET read_seq = c.last_seq FROM chat.conversation c"
                + " WHERE c.app = m.app AND c.id = m.conversation_id AND m.app = $1 AND m.account_id = $2 AND m.left_seq IS NULL"
                + " AND ($3::varchar IS NULL OR m.conversation_id = $3) AND m.read_seq < c.last_seq")
            .execute(Tuple.of(app, accountId, conversationId)).replaceWithVoid();
    }
}
