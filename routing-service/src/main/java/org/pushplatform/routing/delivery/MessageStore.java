package org.pushplatform.routing.delivery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EnvelopeCodec;

/**
 * QoS 1 and 2 messages in PostgreSQL: one row per message, one pending row per target session that has not yet
 * received it. A message asked for twice (a redelivered frame, or a QoS 2 message id seen before) is stored once.
 */
@ApplicationScoped
public class MessageStore {

    /** A message to keep until its targets receive it; {@code publisher} (null from outside) is told by recvack. */
    public record NewMessage(String appkey, String messageId, String sourceId, String eventTopic, JsonNode msg, int qos,
                             Target publisher, long ttlSeconds) {
    }

    /** @param pending the sessions still to receive it: all targets when new, the remaining ones when seen before */
    public record StoredMessage(long id, List<Target> pending, boolean seenBefore) {
    }

    /** A message a session has still to receive. */
    public record PendingMessage(long id, String eventTopic, JsonNode msg) {
    }

    /** The first receiver of a message that is not its publisher. */
    public record FirstReceipt(String appkey, String messageId, Target publisher, String alias, long timestamp) {
    }

    /** Redelivery on reconnect takes at most this many messages; the rest follow on the next reconnect. */
    static final int MAX_REDELIVERY = 5000;

    private final Pool db;
    private final MessageTargets messageTargets;

    public MessageStore(Pool db, MessageTargets targets) {
        this.db = db;
        this.messageTargets = targets;
    }

    /** One statement: the message and its pending rows are stored together or not at all. */
    public Uni<StoredMessage> store(NewMessage message, List<Target> targets) {
        String[] sessionIds = targets.stream().map(Target::sessionId).toArray(String[]::new);
        return db.preparedQuery("WITH stored AS (INSERT INTO routing.message (appkey, message_id, source_id, event_topic, msg, qos,"
                + " publisher_session, publisher_partition, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                + " ON CONFLICT DO NOTHING RETURNING id),"
                + " pending AS (INSERT INTO routing.pending_delivery (session_id, message_ref) SELECT unnest($10::varchar[]), id FROM stored)"
                + " SELECT id FROM stored")
            .execute(Tuple.tuple(Arrays.asList(message.appkey(), message.messageId(), message.sourceId(), message.eventTopic(),
                message.msg().toString(), (short) message.qos(), sessionOf(message.publisher()), partitionOf(message.publisher()),
                OffsetDateTime.now().plusSeconds(message.ttlSeconds()), sessionIds)))
            .flatMap(stored -> stored.size() == 1
                ? Uni.createFrom().item(new StoredMessage(stored.iterator().next().getLong(0), targets, false))
                : stillPending(message));
    }

    /** A message asked for before: the sessions that still have to receive it. */
    private Uni<StoredMessage> stillPending(NewMessage message) {
        return db.preparedQuery("SELECT id FROM routing.message WHERE source_id = $1 OR (qos = 2 AND $4 = 2 AND appkey = $2"
                + " AND message_id = $3) LIMIT 1")
            .execute(Tuple.tuple(Arrays.asList(message.sourceId(), message.appkey(), message.messageId(), message.qos())))
            .flatMap(rows -> {
                long id = rows.iterator().next().getLong(0);
                return db.preparedQuery("SELECT d.session_id, s.customid FROM routing.pending_delivery d"
                        + " JOIN routing.pubsub_session s ON s.session_id = d.session_id WHERE d.message_ref = $1")
                    .execute(Tuple.of(id)).map(pending -> new StoredMessage(id, messageTargets.fromRows(message.appkey(), pending), true));
            });
    }

    /** What the session has not received yet and is still alive, oldest first. */
    public Uni<List<PendingMessage>> pendingFor(String sessionId) {
        return db.preparedQuery("SELECT m.id, m.event_topic, m.msg FROM routing.pending_delivery d"
                + " JOIN routing.message m ON m.id = d.message_ref WHERE d.session_id = $1 AND m.expires_at > now()"
                + " ORDER BY m.id LIMIT " + MAX_REDELIVERY)
            .execute(Tuple.of(sessionId)).map(rows -> {
                List<PendingMessage> pending = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    pending.add(new PendingMessage(row.getLong(0), row.getString(1), parse(row.getString(2))));
                }
                return pending;
            });
    }

    /**
     * The session received the message: it is no longer pending for it. When this is the first receiver that is not
     * the publisher, says so, for recvack.
     */
    public Uni<Optional<FirstReceipt>> received(String sessionId, long messageRef) {
        return db.preparedQuery("WITH done AS (DELETE FROM routing.pending_delivery WHERE session_id = $1 AND message_ref = $2"
                + " RETURNING message_ref)"
                + " UPDATE routing.message m SET received_at = now() FROM done WHERE m.id = done.message_ref"
                + " AND m.received_at IS NULL AND m.publisher_session IS NOT NULL AND m.publisher_session <> $1"
                + " RETURNING m.appkey, m.message_id, m.publisher_session, m.publisher_partition, m.received_at,"
                + " (SELECT alias FROM routing.pubsub_session WHERE session_id = $1)")
            .execute(Tuple.of(sessionId, messageRef))
            .map(rows -> rows.size() == 0 ? Optional.<FirstReceipt>empty() : Optional.of(firstReceipt(rows.iterator().next())));
    }

    private static FirstReceipt firstReceipt(Row row) {
        return new FirstReceipt(row.getString(0), row.getString(1), new Target(row.getString(2), row.getInteger(3)),
            row.getString(5), row.getOffsetDateTime(4).toInstant().toEpochMilli());
    }

    /**
     * Drops messages past their time to live, and QoS 0/1 messages every target has received (QoS 2 ones stay
     * until their time to live, to recognise their message id). @return how many
     */
    public Uni<Integer> sweep() {
        return db.query("DELETE FROM routing.message m WHERE m.expires_at < now() OR (m.qos < 2"
                + " AND m.created_at < now() - interval '1 minute'"
                + " AND NOT EXISTS (SELECT 1 FROM routing.pending_delivery d WHERE d.message_ref = m.id))")
            .execute().map(rows -> rows.rowCount());
    }

    private static String sessionOf(Target publisher) {
        return publisher == null ? null : publisher.sessionId();
    }

    private static Integer partitionOf(Target publisher) {
        return publisher == null ? null : publisher.partition();
    }

    private static JsonNode parse(String json) {
        try {
            return EnvelopeCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored message is not JSON", e);
        }
    }
}
