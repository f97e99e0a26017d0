package org.pushplatform.device.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.DeviceStore;

import static org.pushplatform.device.devices.JsonColumns.apps;
import static org.pushplatform.device.devices.JsonColumns.json;
import static org.pushplatform.device.devices.JsonColumns.serials;

/**
 * The command ledger in PostgreSQL ({@code device.command}). Every change of state is one compare-and-set statement
 * for a whole batch (a command moves only from the state, and attempt, it was seen in), so that an outcome read twice,
 * a sweep on two instances or an outcome racing a sweep settle a command once.
 */
@ApplicationScoped
public class CommandLedger {

    private static final String COLUMNS = "id, app, serial, event, payload, state, attempts, max_attempts, ack_timeout_ms,"
        + " expires_at, created_at, sent_at, settled_at, result, error";
    /** The changes a statement returns: enough for the integration event. */
    private static final String CHANGED = "c.id, c.app, c.serial, c.event, c.state, c.attempts, c.result, c.error";
    /** A timed-out attempt is queued again while attempts and time to live are left, else the command ends TIMEOUT. */
    private static final String RETRY_OR_TIMEOUT = "CASE WHEN c.attempts < c.max_attempts AND c.expires_at > now() THEN 'QUEUED' ELSE 'TIMEOUT' END";
    /**
     * Which outcome settles a command: one of the attempt it is waiting for; or an ack of any attempt while it is
     * open, for the device got it (an ack read late, after the attempt was taken for lost and sent again).
     */
    private static final String SETTLES = "(c.state = 'SENT' AND c.attempts = q.attempt"
        + " OR q.settlement = 'ACKED' AND c.state IN ('QUEUED', 'SENT'))";
    /** Sweeps settle at most this many commands per statement; a backlog drains over several sweeps. */
    private static final int SWEEP_LIMIT = 1000;

    /** What a new command asks. */
    public record NewCommand(String event, JsonNode payload, int maxAttempts, long ackTimeoutMs, Duration ttl) {
    }

    /** Which devices of an app a command goes to: the serials given, a school's, a class's, or (all null) every one. */
    public record Selection(List<String> serials, Long schoolId, Long classId) {

        public static Selection of(String serial) {
            return new Selection(List.of(serial), null, null);
        }
    }

    /**
     * What queuing did.
     *
     * @param queued     the new commands, one per device
     * @param superseded queued commands of the same state-like key it replaced
     * @param full       devices that had too many open commands: nothing was queued for them
     */
    public record Enqueued(List<CommandChange> queued, List<CommandChange> superseded, List<DeviceRef> full) {
    }

    /** A command just marked sent, to deliver now. */
    public record Sent(long id, DeviceRef device, String event, JsonNode payload, int attempt, long ackTimeoutMs) {
    }

    /** What became of one attempt. */
    public enum Settlement {
        /** The device acked it (with a result, or none). */
        ACKED,
        /** The device acked with {@code ack: false}, or the core refused it. */
        REFUSED,
        /** No ack came in time. */
        TIMED_OUT,
        /** It never reached a connection (the device was offline): the attempt does not count. */
        UNSENT
    }

    /** One attempt's end. */
    public record Outcome(long id, int attempt, Settlement settlement, JsonNode result, String error) {
    }

    private final Pool db;

    public CommandLedger(Pool db) {
        this.db = db;
    }

    /**
     * Queues one command for each selected device, after every command the device has queued, replacing a queued one
     * of the same state-like key; a device with {@code maxOpen} open commands gets none.
     */
    public Uni<Enqueued> enqueue(String app, Selection selection, NewCommand command, int maxOpen) {
        String replaceKey = CommandCatalog.replaceKeyOf(command.event());
        String sql = "WITH targets AS (" + targetsOf(selection) + "),"
            + " superseded AS (UPDATE device.command c SET state = 'FAILED', settled_at = now(),"
            + "   error = 'replaced by a newer ' || $5 || ' command while queued'"
            + "   FROM targets t WHERE $6::varchar IS NOT NULL AND c.app = t.app AND c.serial = t.serial"
            + "   AND c.replace_key = $6 AND c.state = 'QUEUED' RETURNING " + CHANGED + "),"
            + " open AS (SELECT t.app, t.serial, (SELECT count(*) FROM device.command o WHERE o.app = t.app AND o.serial = t.serial"
            + "   AND o.state IN ('QUEUED', 'SENT')) - (SELECT count(*) FROM superseded s WHERE s.app = t.app AND s.serial = t.serial) AS n"
            + "   FROM targets t),"
            + " inserted AS (INSERT INTO device.command AS c (app, serial, event, payload, state, replace_key, max_attempts,"
            + "   ack_timeout_ms, expires_at) SELECT o.app, o.serial, $5, $7::text::jsonb, 'QUEUED', $6, $8, $9,"
            + "   now() + $10 * interval '1 millisecond' FROM open o WHERE o.n < $11 ORDER BY o.serial RETURNING " + CHANGED + ")"
            + " SELECT 'queued', * FROM inserted UNION ALL SELECT 'superseded', * FROM superseded"
            + " UNION ALL SELECT 'target', 0, t.app, t.serial, NULL, NULL, 0, NULL, NULL FROM targets t";
        Tuple args = Tuple.tuple().addString(app)
            .addArrayOfString(selection.serials() == null ? null : selection.serials().toArray(String[]::new))
            .addLong(selection.schoolId()).addLong(selection.classId()).addString(command.event()).addString(replaceKey)
            .addString(command.payload() == null ? null : command.payload().toString())
            .addInteger(command.maxAttempts()).addInteger((int) command.ackTimeoutMs()).addLong(command.ttl().toMillis())
            .addInteger(maxOpen);
        return db.preparedQuery(sql).execute(args).map(rows -> {
            List<CommandChange> queued = new ArrayList<>();
            List<CommandChange> superseded = new ArrayList<>();
            List<DeviceRef> targets = new ArrayList<>();
            for (Row row : rows) {
                switch (row.getString(0)) {
                    case "queued" -> queued.add(changeOf(row, 1, false));
                    case "superseded" -> superseded.add(changeOf(row, 1, false));
                    default -> targets.add(new DeviceRef(row.getString(2), row.getString(3)));
                }
            }
            Set<DeviceRef> got = new HashSet<>();
            queued.forEach(change -> got.add(change.device()));
            List<DeviceRef> full = targets.stream().filter(device -> !got.contains(device)).toList();
            queued.sort(Comparator.comparingLong(CommandChange::id));
            return new Enqueued(queued, superseded, full);
        });
    }

    /**
     * The devices a selection names ({@code $1} the app, {@code $2} serials, {@code $3} school, {@code $4} class), with
     * only the filters it sets: one text for every selection (each filter "unset or matching") got one generic plan
     * that read every device of every app for each command, 1 ms per 1,300 devices.
     */
    static String targetsOf(Selection selection) {
        return "SELECT d.app, d.serial FROM device.device d WHERE d.app = $1"
            + (selection.serials() == null ? " AND $2::varchar[] IS NULL" : " AND d.serial = ANY($2::varchar[])")
            + (selection.schoolId() == null ? " AND $3::bigint IS NULL" : " AND d.school_id = $3")
            + (selection.classId() == null ? " AND $4::bigint IS NULL" : " AND d.class_id = $4");
    }

    /** The next queued commands of the online devices {@code ($1 apps, $2 serials)} marked sent, at most {@code $3} out. */
    static final String SEND_NEXT = "WITH d AS (SELECT d.app, d.serial, d.connection_id FROM device.device d"
        + "   JOIN unnest($1::varchar[], $2::varchar[]) AS q(app, serial) ON d.app = q.app AND d.serial = q.serial"
        + "   WHERE d.connection_id IS NOT NULL),"
        + " picked AS (SELECT n.id, d.connection_id FROM d CROSS JOIN LATERAL (SELECT q.id FROM device.command q"
        + "   WHERE q.app = d.app AND q.serial = d.serial AND q.state = 'QUEUED' AND q.expires_at > now() ORDER BY q.id"
        + "   LIMIT greatest(0, $3 - (SELECT count(*) FROM device.command s WHERE s.app = d.app AND s.serial = d.serial"
        + "   AND s.state = 'SENT'))) n)"
        + " UPDATE device.command c SET state = 'SENT', attempts = c.attempts + 1, sent_at = now(), connection_id = p.connection_id"
        + " FROM picked p WHERE c.id = p.id AND c.state = 'QUEUED'"
        + " RETURNING c.id, c.app, c.serial, c.event, c.payload, c.attempts, c.ack_timeout_ms";

    /**
     * Marks the next queued commands of each online device sent, oldest first, as many as leave at most
     * {@code inFlight} of the device's commands unanswered. @return them, oldest first
     */
    public Uni<List<Sent>> sendNext(List<DeviceRef> devices, int inFlight) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<DeviceRef> distinct = devices.stream().distinct().toList();
        return db.preparedQuery(SEND_NEXT).execute(Tuple.of(apps(distinct), serials(distinct), inFlight)).map(rows -> {
            List<Sent> sent = new ArrayList<>();
            for (Row row : rows) {
                sent.add(new Sent(row.getLong(0), new DeviceRef(row.getString(1), row.getString(2)), row.getString(3),
                    json(row.getValue(4)), row.getInteger(5), row.getInteger(6)));
            }
            sent.sort(Comparator.comparingLong(Sent::id));
            return sent;
        });
    }

    /** Those of the devices that have queued commands. */
    public Uni<List<DeviceRef>> withQueued(List<DeviceRef> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("SELECT q.app, q.serial FROM unnest($1::varchar[], $2::varchar[]) AS q(app, serial)"
                + " WHERE EXISTS (SELECT 1 FROM device.command c WHERE c.app = q.app AND c.serial = q.serial AND c.state = 'QUEUED')")
            .execute(Tuple.of(apps(devices), serials(devices)))
            .map(rows -> {
                List<DeviceRef> found = new ArrayList<>();
                rows.forEach(row -> found.add(new DeviceRef(row.getString(0), row.getString(1))));
                return found;
            });
    }

    /**
     * Online devices with a command queued longer than {@code olderThan} and a free place in their window: a nudge that
     * should have sent it was lost (a failure after its settle committed), so nothing else would send it.
     */
    public Uni<List<DeviceRef>> stranded(Duration olderThan, int inFlight) {
        return db.preparedQuery("SELECT DISTINCT c.app, c.serial FROM device.command c"
                + " JOIN device.device d ON d.app = c.app AND d.serial = c.serial AND d.connection_id IS NOT NULL"
                + " WHERE c.state = 'QUEUED' AND c.created_at < now() - $1 * interval '1 millisecond'"
                + " AND (SELECT count(*) FROM device.command s WHERE s.app = c.app AND s.serial = c.serial AND s.state = 'SENT') < $2"
                + " LIMIT $3")
            .execute(Tuple.of(olderThan.toMillis(), inFlight, SWEEP_LIMIT))
            .map(rows -> {
                List<DeviceRef> found = new ArrayList<>();
                rows.forEach(row -> found.add(new DeviceRef(row.getString(0), row.getString(1))));
                return found;
            });
    }

    /**
     * Settles attempts by their outcomes; an outcome of an attempt settled already changes nothing, but an ack settles
     * its open command whatever the attempt.
     */
    public Uni<List<CommandChange>> settle(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "WITH q AS (SELECT * FROM unnest($1::bigint[], $2::int[], $3::varchar[], $4::varchar[], $5::varchar[])"
            + "   AS q(id, attempt, settlement, result, error)),"
            + " next AS (SELECT c.id, q.attempt, q.result, q.error, q.settlement,"
            + "   CASE q.settlement WHEN 'ACKED' THEN CASE WHEN q.result IS NULL THEN 'DELIVERED' ELSE 'SUCCESSFUL' END"
            + "     WHEN 'TIMED_OUT' THEN " + RETRY_OR_TIMEOUT + " WHEN 'UNSENT' THEN 'QUEUED' ELSE 'FAILED' END AS state"
            + "   FROM device.command c JOIN q ON c.id = q.id WHERE " + SETTLES + ")"
            + " UPDATE device.command c SET state = n.state, result = n.result::jsonb, error = n.error,"
            + "   attempts = CASE WHEN n.settlement = 'UNSENT' THEN c.attempts - 1 ELSE c.attempts END,"
            + "   settled_at = CASE WHEN n.state = 'QUEUED' THEN NULL ELSE now() END"
            + " FROM next n JOIN q ON q.id = n.id AND q.attempt = n.attempt WHERE c.id = n.id AND " + SETTLES
            + " RETURNING " + CHANGED + ", n.settlement";
        return db.preparedQuery(sql).execute(Tuple.of(
            outcomes.stream().map(Outcome::id).toArray(Long[]::new),
            outcomes.stream().map(Outcome::attempt).toArray(Integer[]::new),
            outcomes.stream().map(o -> o.settlement().name()).toArray(String[]::new),
            outcomes.stream().map(o -> o.result() == null ? null : o.result().toString()).toArray(String[]::new),
            outcomes.stream().map(Outcome::error).toArray(String[]::new))).map(rows -> {
                List<CommandChange> changes = new ArrayList<>();
                for (Row row : rows) {
                    changes.add(changeOf(row, 0, "TIMED_OUT".equals(row.getString(8))));
                }
                return changes;
            });
    }

    /** Commands sent to connections that closed before their acks: each is an attempt timed out. */
    public Uni<List<CommandChange>> lostWith(List<DeviceStore.Connection> closed) {
        if (closed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "UPDATE device.command c SET state = " + RETRY_OR_TIMEOUT + ", error = 'its connection closed before it was acked',"
            + "   settled_at = CASE WHEN " + RETRY_OR_TIMEOUT + " = 'QUEUED' THEN NULL ELSE now() END"
            + " FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS q(app, serial, connection_id)"
            + " WHERE c.app = q.app AND c.serial = q.serial AND c.connection_id = q.connection_id AND c.state = 'SENT'"
            + " RETURNING " + CHANGED;
        List<DeviceRef> devices = closed.stream().map(DeviceStore.Connection::device).toList();
        return db.preparedQuery(sql).execute(Tuple.of(apps(devices), serials(devices),
            closed.stream().map(DeviceStore.Connection::connectionId).toArray(String[]::new))).map(rows -> changes(rows, true));
    }

    /**
     * Sent commands whose outcome never came (their node died, or this service restarted while they were out): timed
     * out once their ack timeout and {@code grace} have passed.
     */
    public Uni<List<CommandChange>> timeOutLost(Duration grace) {
        String sql = "UPDATE device.command c SET state = " + RETRY_OR_TIMEOUT + ", error = 'no outcome came in time',"
            + "   settled_at = CASE WHEN " + RETRY_OR_TIMEOUT + " = 'QUEUED' THEN NULL ELSE now() END"
            + " WHERE c.id IN (SELECT id FROM device.command WHERE state = 'SENT'"
            + "   AND sent_at < now() - (ack_timeout_ms + $1) * interval '1 millisecond' ORDER BY sent_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
            + " AND c.state = 'SENT' RETURNING " + CHANGED;
        return db.preparedQuery(sql).execute(Tuple.of(grace.toMillis(), SWEEP_LIMIT)).map(rows -> changes(rows, true));
    }

    /** Open commands whose time to live ended. */
    public Uni<List<CommandChange>> expire() {
        String sql = "UPDATE device.command c SET state = 'EXPIRED', settled_at = now(), error = 'its time to live ended'"
            + " WHERE c.id IN (SELECT id FROM device.command WHERE state IN ('QUEUED', 'SENT') AND expires_at < now()"
            + "   ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
            + " AND c.state IN ('QUEUED', 'SENT') RETURNING " + CHANGED;
        return db.preparedQuery(sql).execute(Tuple.of(SWEEP_LIMIT)).map(rows -> changes(rows, false));
    }

    public Uni<Optional<Command>> find(String app, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM device.command WHERE app = $1 AND id = $2").execute(Tuple.of(app, id))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(commandOf(rows.iterator().next())));
    }

    /** Commands of an app by id, in the order of the ids; unknown ids are left out. */
    public Uni<List<Command>> findAll(String app, List<Long> ids) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM device.command WHERE app = $1 AND id = ANY($2) ORDER BY id")
            .execute(Tuple.of(app, ids.toArray(Long[]::new))).map(CommandLedger::commands);
    }

    /** A device's commands, newest first, before {@code beforeId} (null: from the newest). */
    public Uni<List<Command>> history(DeviceRef device, Long beforeId, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM device.command WHERE app = $1 AND serial = $2 AND id < $3"
                + " ORDER BY id DESC LIMIT $4")
            .execute(Tuple.of(device.app(), device.serial(), beforeId == null ? Long.MAX_VALUE : beforeId, limit))
            .map(CommandLedger::commands);
    }

    private static List<Command> commands(RowSet<Row> rows) {
        List<Command> commands = new ArrayList<>();
        rows.forEach(row -> commands.add(commandOf(row)));
        return commands;
    }

    private static List<CommandChange> changes(RowSet<Row> rows, boolean retrying) {
        List<CommandChange> changes = new ArrayList<>();
        for (Row row : rows) {
            changes.add(changeOf(row, 0, retrying));
        }
        return changes;
    }

    /** A change from the {@link #CHANGED} columns starting at {@code from}. */
    private static CommandChange changeOf(Row row, int from, boolean timedOut) {
        String state = row.getString(from + 4);
        CommandState parsed = state == null ? null : CommandState.valueOf(state);
        return new CommandChange(row.getLong(from), new DeviceRef(row.getString(from + 1), row.getString(from + 2)),
            row.getString(from + 3), parsed, row.getInteger(from + 5), json(row.getValue(from + 6)), row.getString(from + 7),
            timedOut && parsed == CommandState.QUEUED);
    }

    private static Command commandOf(Row row) {
        return new Command(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), json(row.getValue(4)),
            CommandState.valueOf(row.getString(5)), row.getInteger(6), row.getInteger(7), row.getInteger(8),
            row.getOffsetDateTime(9), row.getOffsetDateTime(10), row.getOffsetDateTime(11), row.getOffsetDateTime(12),
            json(row.getValue(13)), row.getString(14));
    }
}
