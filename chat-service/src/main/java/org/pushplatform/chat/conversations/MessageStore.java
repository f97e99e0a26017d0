package org.pushplatform.chat.conversations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.service.Retries;
import org.pushplatform.service.TransientFailures;

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

    private static final Logger LOG = Logger.getLogger(MessageStore.class);
    /** Stands for a message that could not be stored while a list is collected (a list of Mutiny's holds no null). */
    private static final Stored NOT_STORED = new Stored("", 0, null, false);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Pool db;

    public MessageStore(Pool db) {
        this.db = db;
    }

    public Uni<Stored> store(NewMessage message) {
        return storeAll(List.of(message)).map(stored -> stored.get(0));
    }

    /**
     * Stores messages in one transaction, each conversation's in the order given (their seqs follow each other), and
     * answers in that order. A message whose sender sent its client message id before (now or earlier in the list) is
     * not stored again: its answer is the first one's, {@code repeated}. Conversations are locked in the order of their
     * ids, so that two instances storing into the same ones at once wait for each other rather than deadlock.
     */
    public Uni<List<Stored>> storeAll(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.withTransaction(tx -> storedBefore(tx, messages).flatMap(before -> {
            Stored[] answers = new Stored[messages.size()];
            Map<String, Integer> firstWithClientId = new HashMap<>();
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                NewMessage m = messages.get(i);
                String clientKey = m.clientMsgId() == null ? null : clientKey(m.app(), m.sender(), m.clientMsgId());
                if (clientKey != null && before.containsKey(clientKey)) {
                    answers[i] = before.get(clientKey);
                } else if (clientKey != null && firstWithClientId.putIfAbsent(clientKey, i) != null) {
                    answers[i] = null; // filled in below with the first one's
                } else {
                    fresh.add(i);
                }
            }
            return nextSeqs(tx, messages, fresh).flatMap(seqs -> insert(tx, messages, fresh, seqs)).map(inserted -> {
                for (int k = 0; k < fresh.size(); k++) {
                    answers[fresh.get(k)] = inserted.get(k);
                }
                for (int i = 0; i < messages.size(); i++) {
                    if (answers[i] == null) {
                        NewMessage m = messages.get(i);
                        Stored first = answers[firstWithClientId.get(clientKey(m.app(), m.sender(), m.clientMsgId()))];
                        answers[i] = new Stored(first.id(), first.seq(), first.time(), true);
                    }
                }
                return List.of(answers);
            });
        }));
    }

    /**
     * {@link #storeAll} tried again while PostgreSQL is away for a moment; when it refuses the batch (one message it will
     * not take fails the transaction), each message alone, so that only such a one fails: null in its place.
     */
    public Uni<List<Stored>> storeAllOrEach(List<NewMessage> messages) {
        return Retries.whileTransient(() -> storeAll(messages), "storing messages")
            .onFailure(failure -> messages.size() > 1 && !TransientFailures.isTransient(failure))
            .recoverWithUni(() -> Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(one -> Retries.whileTransient(() -> store(one), "storing a message")
                    .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithItem(failure -> {
                        LOG.warnf("a message of %s to %s could not be stored: %s", one.sender(), one.conversationId(), failure.toString());
                        return NOT_STORED;
                    }))
                .collect().asList()
                .map(each -> each.stream().map(stored -> stored == NOT_STORED ? null : stored).toList()));
    }

    /** The messages stored before under the client message ids of these, by app, sender and client id. */
    private Uni<Map<String, Stored>> storedBefore(SqlConnection tx, List<NewMessage> messages) {
        List<NewMessage> withIds = messages.stream().filter(m -> m.clientMsgId() != null).toList();
        if (withIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("SELECT m.id, m.seq, m.created_at, m.app, m.sender, m.client_msg_id FROM chat.message m"
                + " JOIN unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS w(app, sender, client_msg_id)"
                + " ON m.app = w.app AND m.sender = w.sender AND m.client_msg_id = w.client_msg_id")
            .execute(Tuple.of(column(withIds, NewMessage::app), column(withIds, NewMessage::sender), column(withIds, NewMessage::clientMsgId)))
            .map(rows -> {
                Map<String, Stored> before = new HashMap<>();
                rows.forEach(row -> before.put(clientKey(row.getString(3), row.getString(4), row.getString(5)), stored(row, true)));
                return before;
            });
    }

    /**
     * Takes the next seqs of the conversations of these messages (a 1:1 conversation and its two members made with its
     * first message): the k-th message of a conversation gets its k-th seq.
     */
    private Uni<long[]> nextSeqs(SqlConnection tx, List<NewMessage> messages, List<Integer> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(new long[0]);
        }
        Map<String, NewMessage> firstOf = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i : fresh) {
            NewMessage m = messages.get(i);
            String key = conversationKey(m.app(), m.conversationId());
            firstOf.putIfAbsent(key, m);
            counts.merge(key, 1, Integer::sum);
        }
        List<NewMessage> conversations = List.copyOf(firstOf.values());
        return tx.preparedQuery("WITH wanted AS (SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::smallint[], $4::bigint[],"
                + " $5::varchar[], $6::varchar[]) AS w(app, id, kind, n, sender, receiver)),"
                + " c AS (INSERT INTO chat.conversation (app, id, kind, last_seq) SELECT app, id, kind, n FROM wanted ORDER BY app, id"
                + " ON CONFLICT (app, id) DO UPDATE SET last_seq = chat.conversation.last_seq + EXCLUDED.last_seq RETURNING app, id, last_seq),"
                + " members AS (INSERT INTO chat.conversation_member (app, conversation_id, account_id, peer)"
                + " SELECT app, id, sender, receiver FROM wanted WHERE receiver IS NOT NULL"
                + " UNION ALL SELECT app, id, receiver, sender FROM wanted WHERE receiver IS NOT NULL ON CONFLICT DO NOTHING)"
                + " SELECT app, id, last_seq FROM c")
            .execute(Tuple.of(column(conversations, NewMessage::app), column(conversations, NewMessage::conversationId),
                conversations.stream().map(m -> m.direct() ? Conversations.DIRECT : Conversations.GROUP).toArray(Short[]::new),
                conversations.stream().map(m -> (long) counts.get(conversationKey(m.app(), m.conversationId()))).toArray(Long[]::new),
                column(conversations, NewMessage::sender), column(conversations, NewMessage::receiver)))
            .map(rows -> {
                Map<String, Long> next = new HashMap<>();
                for (Row row : rows) {
                    String key = conversationKey(row.getString(0), row.getString(1));
                    next.put(key, row.getLong(2) - counts.get(key) + 1);
                }
                long[] seqs = new long[fresh.size()];
                for (int k = 0; k < fresh.size(); k++) {
                    NewMessage m = messages.get(fresh.get(k));
                    seqs[k] = next.merge(conversationKey(m.app(), m.conversationId()), 1L, Long::sum) - 1;
                }
                return seqs;
            });
    }

    /**
     * Inserts the messages with their seqs and moves read positions: each sender's to its last message, and that of
     * every member who has the conversation open on a device to the last one (it reads them at once).
     */
    private Uni<List<Stored>> insert(SqlConnection tx, List<NewMessage> messages, List<Integer> fresh, long[] seqs) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<NewMessage> m = fresh.stream().map(messages::get).toList();
        String[] ids = m.stream().map(x -> UUID.randomUUID().toString()).toArray(String[]::new);
        Long[] seqColumn = java.util.Arrays.stream(seqs).boxed().toArray(Long[]::new);
        return tx.preparedQuery("WITH w AS (SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::varchar[], $5::varchar[],"
                + " $6::varchar[], $7::smallint[], $8::text[], $9::varchar[], $10::varchar[]) WITH ORDINALITY"
                + " AS w(app, conversation_id, seq, id, sender, client_msg_id, type, body, origin_connection, origin_device, i)),"
                + " stored AS (INSERT INTO chat.message (app, conversation_id, seq, id, sender, client_msg_id, type, body, origin_connection,"
                + " origin_device) SELECT app, conversation_id, seq, id, sender, client_msg_id, type, body::jsonb, origin_connection, origin_device"
                + " FROM w RETURNING id, seq, created_at),"
                + " r AS (SELECT app, conversation_id, account_id, max(seq) AS seq, bool_or(own) AS own FROM ("
                + " SELECT app, conversation_id, sender AS account_id, seq, true AS own FROM w UNION ALL"
                + " SELECT o.app, o.conversation_id, c.account_id, o.seq, false FROM (SELECT app, conversation_id, max(seq) AS seq FROM w"
                + " GROUP BY 1, 2) o JOIN chat.connection c ON c.app = o.app AND c.current_chat = o.conversation_id) x GROUP BY 1, 2, 3),"
                + " reads AS (UPDATE chat.conversation_member cm SET read_seq = greatest(cm.read_seq, r.seq) FROM r"
                + " WHERE cm.app = r.app AND cm.conversation_id = r.conversation_id AND cm.account_id = r.account_id"
                + " AND (r.own OR cm.left_seq IS NULL))"
                + " SELECT s.id, s.seq, s.created_at FROM stored s JOIN w ON w.id = s.id ORDER BY w.i")
            .execute(Tuple.tuple(List.of(column(m, NewMessage::app), column(m, NewMessage::conversationId), seqColumn, ids, column(m, NewMessage::sender),
                column(m, NewMessage::clientMsgId), m.stream().map(x -> (short) x.type()).toArray(Short[]::new),
                m.stream().map(x -> x.body().toString()).toArray(String[]::new), column(m, NewMessage::originConnection),
                column(m, NewMessage::originDevice))))
            .map(rows -> {
                List<Stored> stored = new ArrayList<>(rows.size());
                rows.forEach(row -> stored.add(stored(row, false)));
                return stored;
            });
    }

    private static String conversationKey(String app, String conversationId) {
        return app + '\n' + conversationId;
    }

    /** A sender's client message id, as the store keeps it unique. */
    private static String clientKey(String app, String sender, String clientMsgId) {
        return app + '\n' + sender + '\n' + clientMsgId;
    }

    private static <T> String[] column(List<T> items, Function<T, String> field) {
        return items.stream().map(field).toArray(String[]::new);
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
