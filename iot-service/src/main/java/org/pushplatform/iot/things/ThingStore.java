package org.pushplatform.iot.things;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Products and devices in PostgreSQL ({@code iot.product}, {@code iot.device}), always inside one app. */
@ApplicationScoped
public class ThingStore {

    private static final String DEVICE_COLUMNS = "product_key, device_name, iot_id, status, status_at";

    public record Product(String productKey, String name) {
    }

    /**
     * A device as the admin API shows it.
     *
     * @param status   the seed's lifecycle value: "0" not activated, "1" online, "3" offline, "8" disabled
     * @param statusAt when that status began (epoch milliseconds), null before any
     */
    public record Device(String productKey, String deviceName, String iotId, String status, Long statusAt) {
    }

    /** What creating a device came to. */
    public enum Created { CREATED, EXISTS, NO_PRODUCT }

    private final Pool db;

    public ThingStore(Pool db) {
        this.db = db;
    }

    /** A made-up product key when the caller gives none: 11 letters and digits, as the seed's look. */
    public static String newProductKey() {
        return Ids.random(11);
    }

    /** @return whether it is new (false: the key is taken in the app) */
    public Uni<Boolean> createProduct(String app, String productKey, String name) {
        return db.preparedQuery("INSERT INTO iot.product (app, product_key, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(app, productKey, name)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<Product>> products(String app, String after, int limit) {
        return db.preparedQuery("SELECT product_key, name FROM iot.product WHERE app = $1 AND product_key > $2"
                + " ORDER BY product_key LIMIT $3")
            .execute(Tuple.of(app, after == null ? "" : after, limit))
            .map(rows -> Rows.listOf(rows, row -> new Product(row.getString(0), row.getString(1))));
    }

    public Uni<Optional<Product>> product(String app, String productKey) {
        return db.preparedQuery("SELECT product_key, name FROM iot.product WHERE app = $1 AND product_key = $2")
            .execute(Tuple.of(app, productKey))
            .map(rows -> Rows.listOf(rows, row -> new Product(row.getString(0), row.getString(1))).stream().findFirst());
    }

    /** Deletes a product with its devices (and who owned them). @return whether it existed */
    public Uni<Boolean> deleteProduct(String app, String productKey) {
        return db.preparedQuery("DELETE FROM iot.product WHERE app = $1 AND product_key = $2")
            .execute(Tuple.of(app, productKey)).map(rows -> rows.rowCount() == 1);
    }

    /** A new device of a product, with a fresh iotId. */
    public Uni<Created> createDevice(ThingRef device) {
        return db.preparedQuery("INSERT INTO iot.device (app, product_key, device_name, iot_id)"
                + " SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM iot.product WHERE app = $1 AND product_key = $2)"
                + " ON CONFLICT DO NOTHING RETURNING 1")
            .execute(Tuple.of(device.app(), device.productKey(), device.deviceName(), Ids.random(32)))
            .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(Created.CREATED)
                : product(device.app(), device.productKey()).map(p -> p.isEmpty() ? Created.NO_PRODUCT : Created.EXISTS));
    }

    public Uni<List<Device>> devices(String app, String productKey, String after, int limit) {
        return db.preparedQuery("SELECT " + DEVICE_COLUMNS + " FROM iot.device WHERE app = $1 AND product_key = $2 AND device_name > $3"
                + " ORDER BY device_name LIMIT $4")
            .execute(Tuple.of(app, productKey, after == null ? "" : after, limit)).map(rows -> Rows.listOf(rows, ThingStore::deviceOf));
    }

    public Uni<Optional<Device>> device(ThingRef device) {
        return db.preparedQuery("SELECT " + DEVICE_COLUMNS + " FROM iot.device WHERE app = $1 AND product_key = $2 AND device_name = $3")
            .execute(Tuple.of(device.app(), device.productKey(), device.deviceName()))
            .map(rows -> Rows.listOf(rows, ThingStore::deviceOf).stream().findFirst());
    }

    /** @return whether it existed */
    public Uni<Boolean> deleteDevice(ThingRef device) {
        return db.preparedQuery("DELETE FROM iot.device WHERE app = $1 AND product_key = $2 AND device_name = $3")
            .execute(Tuple.of(device.app(), device.productKey(), device.deviceName())).map(rows -> rows.rowCount() == 1);
    }

    /** The device's lifecycle status from a status notice; an older one than what is kept changes nothing. */
    public Uni<Void> setStatus(ThingRef device, String status, long at) {
        return db.preparedQuery("UPDATE iot.device SET status = $4, status_at = $5 WHERE app = $1 AND product_key = $2 AND device_name = $3"
                + " AND (status_at IS NULL OR status_at <= $5)")
            .execute(Tuple.of(device.app(), device.productKey(), device.deviceName(), status, at)).replaceWithVoid();
    }

    private static Device deviceOf(Row row) {
        return new Device(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getLong(4));
    }

}
