package org.pushplatform.routing.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EnvelopeCodec;

/**
 * QoS 1 and 2 deliveries in PostgreSQL, of any API: one row per delivery ({@code api, event, args} as the client
 * sees them), one pending row per target identity that has not yet received it. A delivery asked for twice (a
 * redelivered record, or a QoS 2 message id seen before) is stored once.
 */
@ApplicationScoped
public class DeliveryStore {

    /** A delivery to keep until its targets receive it; {@code publisher} (null from outside) hears of the first. */
    /** @param onceScope for QoS 2, within what its message id is delivered once (see {@link DeliverRules#onceScopeOf}) */
    public record NewDelivery(String app, String api, String event, List<JsonNode> args, int qos, String messageId,
                              String sourceId, Target publisher, long ttlSeconds, String ackMode, DeliveryTicket ticket,
                              String onceScope, String argsJson) {

        /** The arguments as stored: their JSON text, made once. */
        public NewDelivery(String app, String api, String event, List<JsonNode> args, int qos, String messageId, String sourceId,
                           Target publisher, long ttlSeconds, String ackMode, DeliveryTicket ticket, String onceScope) {
            this(app, api, event, args, qos, messageId, sourceId, publisher, ttlSeconds, ackMode, ticket, onceScope,
                EnvelopeCodec.toJson(args).toString());
        }

        /** What it adds to its app's stored bytes. */
        public long storedBytes() {
            return argsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }

    /**
     * @param pending the identities still to receive it: all targets when new, the remaining ones when seen before
     * @param writtenIn the transaction that stored it; null when seen before (stored by an earlier one)
     */
    public record StoredDelivery(long id, List<Target> pending, Long writtenIn) {
        public boolean seenBefore() {
            return writtenIn == null;
        }
    }

    /** A delivery an identity has still to receive, with what its outcome needs. */
    /** @param maybeSent it was taken before, or stored before {@code maybeSentBefore}: it may have reached a connection already */
    public record PendingDelivery(long id, String event, List<JsonNode> args, String ackMode, DeliveryTicket ticket, boolean maybeSent) {
    }

    /** The first receiver of a delivery that is not its publisher. */
    public record FirstReceipt(String app, String messageId, Target publisher, String alias, long timestamp) {
    }

    /** A stored delivery whose time to live ended before an identity received it. */
    public record Expired(DeliveryTicket ticket, String identityRef) {
    }

    /** A reconnect is sent at most this many deliveries at once (a gateway remembers 512 per connection). */
    static final int PAGE_DELIVERIES = 500;
    /** ... and about this many bytes of arguments. */
    static final long PAGE_BYTES = 1024 * 1024;
    /** Overdue deliveries sent again per check, in bytes of arguments: a backlog drains over several checks. */
    static final long OVERDUE_BYTES = 8 * 1024 * 1024;

    private final Pool db;
    private final IdentityDirectory directory;

    public DeliveryStore(Pool db, IdentityDirectory directory) {
        this.db = db;
        this.directory = directory;
    }

    /**
     * Stores many deliveries with their pending rows in one statement: each delivery with all its pending rows or not
     * at all. One asked for before (the same source id, or a QoS 2 message id seen before in its scope) is not stored again;
     * its identities that still have to receive it are looked up instead.
     *
     * @return for each delivery, in order, what was stored
     */
    public Uni<List<StoredDelivery>> storeAll(List<NewDelivery> deliveries, List<List<Target>> targets) {
        int n = deliveries.size();
        String[] apps = new String[n];
        String[] messageIds = new String[n];
        String[] sourceIds = new String[n];
        String[] apis = new String[n];
        String[] events = new String[n];
        String[] args = new String[n];
        Short[] qos = new Short[n];
        String[] publisherRefs = new String[n];
        Integer[] publisherPartitions = new Integer[n];
        OffsetDateTime[] expiries = new OffsetDateTime[n];
        String[] ackModes = new String[n];
        String[] requesters = new String[n];
        String[] addresses = new String[n];
        String[] onceScopes = new String[n];
        List<String> pendingSources = new ArrayList<>();
        List<String> pendingRefs = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < n; i++) {
            NewDelivery d = deliveries.get(i);
            DeliveryTicket ticket = d.ticket();
            apps[i] = d.app();
            messageIds[i] = d.messageId();
            sourceIds[i] = d.sourceId();
            apis[i] = d.api();
            events[i] = d.event();
            args[i] = d.argsJson();
            qos[i] = (short) d.qos();
            publisherRefs[i] = d.publisher() == null ? null : d.publisher().identityRef();
            publisherPartitions[i] = d.publisher() == null ? null : d.publisher().partition();
            expiries[i] = now.plusSeconds(d.ttlSeconds());
            ackModes[i] = d.ackMode();
            requesters[i] = ticket == null ? null : ticket.requester();
            onceScopes[i] = d.onceScope();
            addresses[i] = ticket == null || ticket.to() == null ? null : ticket.to().toString();
            for (Target target : targets.get(i)) {
                pendingSources.add(d.sourceId());
                pendingRefs.add(target.identityRef());
            }
        }
        return db.preparedQuery("WITH input AS (SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[],"
                + " $5::varchar[], $6::text[], $7::smallint[], $8::varchar[], $9::int[], $10::timestamptz[], $11::varchar[],"
                + " $12::varchar[], $13::text[], $16::text[]) WITH ORDINALITY AS t(app, message_id, source_id, api, event, args, qos,"
                + " publisher_ref, publisher_partition, expires_at, ack_mode, requester, address, once_scope, ord)),"
                + " stored AS (INSERT INTO routing.stored_delivery (app, message_id, source_id, api, event, args, qos, publisher_ref,"
                + " publisher_partition, expires_at, ack_mode, requester, address, once_scope) SELECT app, message_id, source_id, api,"
                + " event, args, qos, publisher_ref, publisher_partition, expires_at, ack_mode, requester, address, once_scope"
                + " FROM input ORDER BY ord"
                + " ON CONFLICT DO NOTHING RETURNING id, source_id),"
                + " pending AS (INSERT INTO routing.pending_delivery (identity_ref, message_ref) SELECT DISTINCT p.ref, stored.id"
                + " FROM unnest($14::varchar[], $15::varchar[]) AS p(source_id, ref) JOIN stored ON stored.source_id = p.source_id"
                + " ON CONFLICT DO NOTHING)"
                + " SELECT id, source_id, pg_current_xact_id()::text::bigint FROM stored")
            .execute(Tuple.from(List.of(apps, messageIds, sourceIds, apis, events, args, qos, publisherRefs, publisherPartitions,
                expiries, ackModes, requesters, addresses, pendingSources.toArray(String[]::new), pendingRefs.toArray(String[]::new),
                onceScopes)))
            .flatMap(rows -> {
                Map<String, Long> idBySource = new HashMap<>();
                Long[] transaction = {null};
                rows.forEach(row -> {
                    idBySource.put(row.getString(1), row.getLong(0));
                    transaction[0] = row.getLong(2);
                });
                List<Uni<StoredDelivery>> results = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Long id = idBySource.get(deliveries.get(i).sourceId());
                    results.add(id != null ? Uni.createFrom().item(new StoredDelivery(id, targets.get(i), transaction[0]))
                        : stillPending(deliveries.get(i)));
                }
                return Uni.join().all(results).andFailFast();
            });
    }

    /** A delivery asked for before: the identities that still have to receive it. */
    private Uni<StoredDelivery> stillPending(NewDelivery d) {
        return db.preparedQuery("SELECT id FROM routing.stored_delivery WHERE source_id = $1 OR (qos = 2 AND $4 = 2 AND app = $2"
                + " AND once_scope = $5 AND message_id = $3) LIMIT 1")
            .execute(Tuple.tuple(Arrays.asList(d.sourceId(), d.app(), d.messageId(), d.qos(), d.onceScope())))
            .flatMap(rows -> {
                long id = rows.iterator().next().getLong(0);
                return db.preparedQuery("SELECT d.identity_ref, i.id FROM routing.pending_delivery d"
                        + " JOIN routing.identity i ON i.ref = d.identity_ref WHERE d.message_ref = $1")
                    .execute(Tuple.of(id)).map(pending -> new StoredDelivery(id, directory.fromRows(d.app(), pending), null));
            });
    }

    /**
     * What the identity has not received yet of one API and is still alive, oldest first, one page: at most
     * {@link #PAGE_DELIVERIES} deliveries (fewer than a gateway remembers per connection, so a page sent twice is
     * written once) and about {@link #PAGE_BYTES} of arguments (at least one delivery). Marked as sent now: the rest,
     * and what is not received, follow through {@link #takeOverdue}.
     *
     * @param maybeSentBefore what was stored before this may have reached an earlier connection (null: only what was
     *                        taken before may have)
     */
    public Uni<List<PendingDelivery>> pendingFor(String identityRef, String api, Instant maybeSentBefore) {
        return take(List.of(identityRef), api, Duration.ZERO, PAGE_DELIVERIES, PAGE_BYTES, maybeSentBefore)
            .map(page -> page.stream().map(Overdue::delivery).toList());
    }

    /** A stored delivery an identity has not received yet, to be sent (again). */
    public record Overdue(String identityRef, String api, PendingDelivery delivery) {
    }

    /**
     * Deliveries still pending for these identities although stored (or last sent) more than {@code after} ago,
     * oldest first, at most {@code limit} and about {@link #OVERDUE_BYTES} of arguments per call; each is marked as
     * sent now, in the same statement.
     */
    public Uni<List<Overdue>> takeOverdue(Collection<String> identityRefs, Duration after, int limit) {
        return take(identityRefs, null, after, limit, OVERDUE_BYTES, null);
    }

    /** One statement: choose (skipping rows another instance is taking), page by count and bytes, mark as sent. */
    private Uni<List<Overdue>> take(Collection<String> identityRefs, String api, Duration notSentWithin, int maxCount, long maxBytes,
                                    Instant maybeSentBefore) {
        return db.preparedQuery("WITH candidates AS (SELECT d.identity_ref, d.message_ref, octet_length(m.args) AS size,"
                + " d.resent_at IS NOT NULL OR m.created_at < $6 AS maybe_sent"
                + " FROM routing.pending_delivery d JOIN routing.stored_delivery m ON m.id = d.message_ref"
                + " WHERE d.identity_ref = ANY($1) AND ($2::varchar IS NULL OR m.api = $2) AND m.expires_at > now()"
                + " AND m.created_at <= now() - make_interval(secs => $3)"
                + " AND (d.resent_at IS NULL OR d.resent_at <= now() - make_interval(secs => $3))"
                + " ORDER BY m.id LIMIT $4 FOR UPDATE OF d SKIP LOCKED),"
                + " due AS (SELECT identity_ref, message_ref, maybe_sent FROM (SELECT identity_ref, message_ref, maybe_sent,"
                + " SUM(size) OVER (ORDER BY message_ref, identity_ref) - size AS bytes_before FROM candidates) c WHERE bytes_before < $5),"
                + " marked AS (UPDATE routing.pending_delivery d SET resent_at = now() FROM due"
                + " WHERE d.identity_ref = due.identity_ref AND d.message_ref = due.message_ref"
                + " RETURNING d.identity_ref, d.message_ref, due.maybe_sent)"
                + " SELECT marked.identity_ref, m.api, m.id, m.event, m.args, m.ack_mode, m.message_id, m.requester, m.address,"
                + " marked.maybe_sent FROM marked JOIN routing.stored_delivery m ON m.id = marked.message_ref ORDER BY m.id")
            .execute(Tuple.tuple(Arrays.asList(identityRefs.toArray(String[]::new), api, notSentWithin.toMillis() / 1000.0, maxCount,
                maxBytes, maybeSentBefore == null ? null : OffsetDateTime.ofInstant(maybeSentBefore, ZoneOffset.UTC))))
            .map(rows -> {
                List<Overdue> taken = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    taken.add(new Overdue(row.getString(0), row.getString(1), new PendingDelivery(row.getLong(2), row.getString(3),
                        args(row.getString(4)), row.getString(5), ticket(row, 6), Boolean.TRUE.equals(row.getBoolean(9)))));
                }
                return taken;
            });
    }

    /**
     * The identity acked a stored delivery of the API by its message id (a protocol ack that reached no waiting
     * gateway: after its timeout, or of a message it pulled). @return whether one was pending
     */
    public Uni<Boolean> receivedByMessageId(String identityRef, String app, String api, String messageId) {
        // one ack settles one delivery: the oldest pending one with that id (two requesters may have chosen one id)
        return db.preparedQuery("DELETE FROM routing.pending_delivery d WHERE d.identity_ref = $1 AND d.message_ref = ("
                + "SELECT m.id FROM routing.pending_delivery p JOIN routing.stored_delivery m ON m.id = p.message_ref"
                + " WHERE p.identity_ref = $1 AND m.app = $2 AND m.api = $3 AND m.message_id = $4 ORDER BY m.id LIMIT 1)")
            .execute(Tuple.of(identityRef, app, api, messageId)).map(rows -> rows.rowCount() > 0);
    }

    /** An identity received a stored delivery. */
    public record Receipt(String identityRef, long deliveryId) {
    }

    /**
     * The identities received the deliveries, in one statement: they are no longer pending for them. @return the
     * receipts that were the identity's first of their delivery (a repeated one is left out), each with, when it is
     * the first receiver that is not the publisher, that first receipt (pubsub's recvack)
     */
    public Uni<Map<Receipt, Optional<FirstReceipt>>> received(List<Receipt> receipts) {
        String[] refs = receipts.stream().map(Receipt::identityRef).toArray(String[]::new);
        Long[] ids = receipts.stream().map(Receipt::deliveryId).toArray(Long[]::new);
        return db.preparedQuery("WITH input AS (SELECT * FROM unnest($1::varchar[], $2::bigint[]) AS t(identity_ref, message_ref)),"
                + " done AS (DELETE FROM routing.pending_delivery d USING input i WHERE d.identity_ref = i.identity_ref"
                + " AND d.message_ref = i.message_ref RETURNING d.identity_ref, d.message_ref),"
                + " first AS (UPDATE routing.stored_delivery m SET received_at = now() FROM done WHERE m.id = done.message_ref"
                + " AND m.received_at IS NULL AND m.publisher_ref IS NOT NULL AND m.publisher_ref <> done.identity_ref"
                + " RETURNING m.id, done.identity_ref, m.app, m.message_id, m.publisher_ref, m.publisher_partition, m.received_at)"
                + " SELECT done.identity_ref, done.message_ref, first.app, first.message_id, first.publisher_ref,"
                + " first.publisher_partition, first.received_at, (SELECT alias FROM routing.identity WHERE ref = done.identity_ref)"
                + " FROM done LEFT JOIN first ON first.id = done.message_ref AND first.identity_ref = done.identity_ref")
            .execute(Tuple.of(refs, ids))
            .map(rows -> {
                Map<Receipt, Optional<FirstReceipt>> done = new HashMap<>();
                for (Row row : rows) {
                    Optional<FirstReceipt> first = row.getString(2) == null ? Optional.empty() : Optional.of(new FirstReceipt(
                        row.getString(2), row.getString(3), new Target(row.getString(4), row.getInteger(5)), row.getString(7),
                        row.getOffsetDateTime(6).toInstant().toEpochMilli()));
                    done.put(new Receipt(row.getString(0), row.getLong(1)), first);
                }
                return done;
            });
    }

    /** One step of dropping expired deliveries: how many it dropped, and those nobody received where someone asked. */
    public record ExpiredStep(int dropped, List<Expired> expired) {
    }

    /**
     * Drops at most {@code limit} deliveries past their time to live (through their expiry index; rows another
     * instance is dropping are skipped), so that each expiry is reported once, by the instance that dropped it.
     */
    public Uni<ExpiredStep> dropExpired(int limit) {
        return db.preparedQuery("WITH gone AS (DELETE FROM routing.stored_delivery m WHERE m.id IN (SELECT s.id"
                + " FROM routing.stored_delivery s WHERE s.expires_at < now() ORDER BY s.expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING m.id, m.message_id, m.requester, m.address)"
                // one row per dropped delivery, or per identity that missed it when someone asked for its outcome
                + " SELECT g.id, g.message_id, g.requester, g.address, d.identity_ref FROM gone g"
                + " LEFT JOIN routing.pending_delivery d ON g.requester IS NOT NULL AND d.message_ref = g.id")
            .execute(Tuple.of(limit)).map(rows -> {
                Set<Long> dropped = new HashSet<>();
                List<Expired> expired = new ArrayList<>();
                for (Row row : rows) {
                    dropped.add(row.getLong(0));
                    if (row.getString(4) != null) {
                        expired.add(new Expired(ticket(row, 1), row.getString(4)));
                    }
                }
                return new ExpiredStep(dropped.size(), expired);
            });
    }

    /** One step of dropping received deliveries: how many, and the highest id it dropped (or {@code after}). */
    public record ReceivedStep(int dropped, long lastId) {
    }

    /**
     * Drops at most {@code limit} QoS 0/1 deliveries with ids in ({@code after}, {@code upTo}] that every target has
     * received, lowest ids first through the primary key. QoS 2 ones stay until their time to live, to recognise
     * their message id.
     */
    public Uni<ReceivedStep> dropReceived(long after, long upTo, int limit) {
        return db.preparedQuery("WITH gone AS (DELETE FROM routing.stored_delivery m WHERE m.id IN (SELECT s.id"
                + " FROM routing.stored_delivery s WHERE s.id > $1 AND s.id <= $2 AND s.qos < 2"
                + " AND NOT EXISTS (SELECT 1 FROM routing.pending_delivery d WHERE d.message_ref = s.id)"
                + " ORDER BY s.id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING m.id)"
                + " SELECT count(*), coalesce(max(id), $1) FROM gone")
            .execute(Tuple.of(after, upTo, limit))
            .map(rows -> {
                Row row = rows.iterator().next();
                return new ReceivedStep(row.getLong(0).intValue(), row.getLong(1));
            });
    }

    /** The highest id given to a stored delivery so far (committed or not): every later one is higher. */
    public Uni<Long> lastAssignedId() {
        return db.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM routing.message_id_seq").execute()
            .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The ticket in columns (message_id, requester, address) from {@code first}; null when nobody asked. */
    private static DeliveryTicket ticket(Row row, int first) {
        String requester = row.getString(first + 1);
        if (requester == null) {
            return null;
        }
        String address = row.getString(first + 2);
        return new DeliveryTicket(row.getString(first), requester, address == null ? null : parse(address));
    }

    private static List<JsonNode> args(String json) {
        List<JsonNode> args = new ArrayList<>();
        parse(json).forEach(args::add);
        return args;
    }

    private static JsonNode parse(String json) {
        try {
            return EnvelopeCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored delivery is not JSON", e);
        }
    }
}
