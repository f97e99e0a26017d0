package org.pushplatform.device.devices;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import static org.pushplatform.device.devices.JsonColumns.apps;
import static org.pushplatform.device.devices.JsonColumns.serials;

/** Devices in PostgreSQL ({@code device.device}); what many devices need at once is read or written in one statement. */
@ApplicationScoped
public class DeviceStore {

    private static final String COLUMNS = "app, serial, name, school_id, school_name, class_id, class_name, power_schedule,"
        + " remote_debug, connection_id, node_id, online_at, offline_at, last_ack_at, last_status, face_count, created_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What checking a device's signature needs; {@code connectionId} is where it is connected now, or null. */
    public record Credentials(DeviceRef device, String deviceKey, boolean requireHmac, String connectionId, boolean remoteDebug) {
    }

    /** A device's connection: where it authenticated, or the one that closed. */
    public record Connection(DeviceRef device, String nodeId, String connectionId) {
    }

    private final Pool db;

    public DeviceStore(Pool db) {
        this.db = db;
    }

    /** A new device with a fresh key. @return the key, told once; empty when the serial is taken in the app */
    public Uni<Optional<String>> create(DeviceRef device, String name) {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String deviceKey = HexFormat.of().formatHex(key);
        return db.preparedQuery("INSERT INTO device.device (app, serial, device_key, name) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT DO NOTHING")
            .execute(Tuple.of(device.app(), device.serial(), deviceKey, name))
            .map(rows -> rows.rowCount() == 1 ? Optional.of(deviceKey) : Optional.empty());
    }

    public Uni<Optional<Device>> find(DeviceRef device) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM device.device WHERE app = $1 AND serial = $2")
            .execute(Tuple.of(device.app(), device.serial()))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(deviceOf(rows.iterator().next())));
    }

    /** A page of an app's devices by serial, after {@code after} (null from the start). */
    public Uni<List<Device>> list(String app, String after, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM device.device WHERE app = $1 AND serial > $2 ORDER BY serial LIMIT $3")
            .execute(Tuple.of(app, after == null ? "" : after, limit))
            .map(rows -> {
                List<Device> devices = new ArrayList<>();
                rows.forEach(row -> devices.add(deviceOf(row)));
                return devices;
            });
    }

    /** @return whether it existed */
    public Uni<Boolean> rename(DeviceRef device, String name) {
        return update("UPDATE device.device SET name = $3 WHERE app = $1 AND serial = $2", device, name);
    }

    /** Deletes a device with its commands. @return whether it existed */
    public Uni<Boolean> delete(DeviceRef device) {
        return db.preparedQuery("DELETE FROM device.device WHERE app = $1 AND serial = $2")
            .execute(Tuple.of(device.app(), device.serial())).map(rows -> rows.rowCount() == 1);
    }

    /** Binds it to a school, or unbinds it (null). @return whether it existed */
    public Uni<Boolean> bindSchool(DeviceRef device, Device.Binding school) {
        return db.preparedQuery("UPDATE device.device SET school_id = $3, school_name = $4 WHERE app = $1 AND serial = $2")
            .execute(Tuple.of(device.app(), device.serial(), school == null ? null : school.id(), school == null ? null : school.name()))
            .map(rows -> rows.rowCount() == 1);
    }

    /** Binds it to a class, or unbinds it (null). @return whether it existed */
    public Uni<Boolean> bindClass(DeviceRef device, Device.Binding schoolClass) {
        return db.preparedQuery("UPDATE device.device SET class_id = $3, class_name = $4 WHERE app = $1 AND serial = $2")
            .execute(Tuple.of(device.app(), device.serial(), schoolClass == null ? null : schoolClass.id(),
                schoolClass == null ? null : schoolClass.name()))
            .map(rows -> rows.rowCount() == 1);
    }

    /** @return whether it existed */
    public Uni<Boolean> setPowerSchedule(DeviceRef device, JsonNode schedule) {
        return update("UPDATE device.device SET power_schedule = $3::text::jsonb WHERE app = $1 AND serial = $2", device, schedule.toString());
    }

    /** @return whether it existed */
    public Uni<Boolean> setRemoteDebug(DeviceRef device, boolean on) {
        return db.preparedQuery("UPDATE device.device SET remote_debug = $3 WHERE app = $1 AND serial = $2")
            .execute(Tuple.of(device.app(), device.serial(), on)).map(rows -> rows.rowCount() == 1);
    }

    /** The credentials of many devices, with their app's rules; devices that do not exist are absent. */
    public Uni<Map<DeviceRef, Credentials>> credentials(List<DeviceRef> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT d.app, d.serial, d.device_key, coalesce(s.require_hmac, false), d.connection_id, d.remote_debug"
                + " FROM device.device d JOIN unnest($1::varchar[], $2::varchar[]) AS q(app, serial) ON d.app = q.app AND d.serial = q.serial"
                + " LEFT JOIN device.app_settings s ON s.app = d.app")
            .execute(Tuple.of(apps(devices), serials(devices)))
            .map(rows -> {
                Map<DeviceRef, Credentials> found = new HashMap<>();
                for (Row row : rows) {
                    DeviceRef ref = new DeviceRef(row.getString(0), row.getString(1));
                    found.put(ref, new Credentials(ref, row.getString(2), row.getBoolean(3), row.getString(4), row.getBoolean(5)));
                }
                return found;
            });
    }

    /** Devices that authenticated: connected where they did, from now on. */
    public Uni<Void> online(List<Connection> connections) {
        if (connections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("UPDATE device.device d SET node_id = q.node_id, connection_id = q.connection_id, online_at = now()"
                + " FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) AS q(app, serial, node_id, connection_id)"
                + " WHERE d.app = q.app AND d.serial = q.serial")
            .execute(Tuple.of(apps(connections.stream().map(Connection::device).toList()),
                serials(connections.stream().map(Connection::device).toList()),
                connections.stream().map(Connection::nodeId).toArray(String[]::new),
                connections.stream().map(Connection::connectionId).toArray(String[]::new)))
            .replaceWithVoid();
    }

    /**
     * Connections that closed (or were found gone): their devices are offline unless connected again elsewhere
     * meanwhile. @return the ones that were their device's connection
     */
    public Uni<List<Connection>> offline(List<Connection> connections) {
        if (connections.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("UPDATE device.device d SET node_id = NULL, connection_id = NULL, offline_at = now()"
                + " FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS q(app, serial, connection_id)"
                + " WHERE d.app = q.app AND d.serial = q.serial AND d.connection_id = q.connection_id"
                + " RETURNING d.app, d.serial, q.connection_id")
            .execute(Tuple.of(apps(connections.stream().map(Connection::device).toList()),
                serials(connections.stream().map(Connection::device).toList()),
                connections.stream().map(Connection::connectionId).toArray(String[]::new)))
            .map(rows -> {
                Map<String, Connection> byConnection = new HashMap<>();
                connections.forEach(c -> byConnection.put(c.connectionId(), c));
                List<Connection> cleared = new ArrayList<>();
                rows.forEach(row -> cleared.add(byConnection.get(row.getString(2))));
                return cleared;
            });
    }

    /**
     * Commands that found their device offline: the device is marked offline, unless it is connected again elsewhere
     * than the command was sent to. @return the connections that were cleared
     */
    public Uni<List<Connection>> offlineWhereSent(List<Long> commandIds) {
        if (commandIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("UPDATE device.device d SET node_id = NULL, connection_id = NULL, offline_at = now()"
                + " FROM device.command c WHERE c.id = ANY($1) AND d.app = c.app AND d.serial = c.serial"
                + " AND d.connection_id = c.connection_id RETURNING d.app, d.serial, c.connection_id")
            .execute(Tuple.of(commandIds.toArray(Long[]::new)))
            .map(rows -> {
                List<Connection> cleared = new ArrayList<>();
                rows.forEach(row -> cleared.add(new Connection(new DeviceRef(row.getString(0), row.getString(1)), null, row.getString(2))));
                return cleared;
            });
    }

    /** What the acks of many devices said: when, and the status or face count a command asked for. */
    public Uni<Void> acked(List<DeviceRef> devices, List<String> statuses, List<Integer> faceCounts) {
        if (devices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("UPDATE device.device d SET last_ack_at = now(), last_status = coalesce(q.status, d.last_status),"
                + " face_count = coalesce(q.face_count, d.face_count)"
                + " FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[]) AS q(app, serial, status, face_count)"
                + " WHERE d.app = q.app AND d.serial = q.serial")
            .execute(Tuple.of(apps(devices), serials(devices), statuses.toArray(String[]::new), faceCounts.toArray(Integer[]::new)))
            .replaceWithVoid();
    }

    /** Whether devices of the app must sign with HMAC. */
    public Uni<Void> setRequireHmac(String app, boolean required) {
        return db.preparedQuery("INSERT INTO device.app_settings (app, require_hmac) VALUES ($1, $2)"
                + " ON CONFLICT (app) DO UPDATE SET require_hmac = excluded.require_hmac")
            .execute(Tuple.of(app, required)).replaceWithVoid();
    }

    public Uni<Boolean> requiresHmac(String app) {
        return db.preparedQuery("SELECT require_hmac FROM device.app_settings WHERE app = $1").execute(Tuple.of(app))
            .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    private Uni<Boolean> update(String sql, DeviceRef device, String value) {
        return db.preparedQuery(sql).execute(Tuple.of(device.app(), device.serial(), value)).map(rows -> rows.rowCount() == 1);
    }

    private static Device deviceOf(Row row) {
        Long schoolId = row.getLong(3);
        Long classId = row.getLong(5);
        Object schedule = row.getValue(7);
        return new Device(row.getString(0), row.getString(1), row.getString(2),
            schoolId == null ? null : new Device.Binding(schoolId, row.getString(4)),
            classId == null ? null : new Device.Binding(classId, row.getString(6)),
            JsonColumns.json(schedule),
            row.getBoolean(8), row.getString(9) != null, row.getString(10), row.getOffsetDateTime(11), row.getOffsetDateTime(12),
            row.getOffsetDateTime(13), row.getString(14), row.getInteger(15), row.getOffsetDateTime(16));
    }
}
