package org.pushplatform.iot.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.iot.things.Ids;
import org.pushplatform.iot.things.Rows;
import org.pushplatform.iot.things.ThingRef;

/**
 * Accounts in PostgreSQL ({@code iot.account}) with their iotTokens ({@code iot.token}) and the devices they own
 * ({@code iot.ownership}), always inside one app. Deleting an account deletes its tokens, ownerships and channels.
 */
@ApplicationScoped
public class AccountStore {

    public record Account(String accountId, String name) {
    }

    /** A token as issued: its value is told once. */
    public record IssuedToken(String iotToken, String accountId, Instant expiresAt) {
    }

    /** Whose a token is, and until when. */
    public record TokenOwner(String app, String accountId, Instant expiresAt) {
    }

    /** What making an account own a device came to. */
    public enum Owned { OWNED, NO_ACCOUNT, NO_DEVICE }

    private final Pool db;

    public AccountStore(Pool db) {
        this.db = db;
    }

    /** @return whether it is new (false: the id is taken in the app) */
    public Uni<Boolean> create(String app, String accountId, String name) {
        return db.preparedQuery("INSERT INTO iot.account (app, account_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(app, accountId, name)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Account>> find(String app, String accountId) {
        return db.preparedQuery("SELECT account_id, name FROM iot.account WHERE app = $1 AND account_id = $2")
            .execute(Tuple.of(app, accountId))
            .map(rows -> Rows.listOf(rows, row -> new Account(row.getString(0), row.getString(1))).stream().findFirst());
    }

    /** @return whether it existed */
    public Uni<Boolean> delete(String app, String accountId) {
        return db.preparedQuery("DELETE FROM iot.account WHERE app = $1 AND account_id = $2")
            .execute(Tuple.of(app, accountId)).map(rows -> rows.rowCount() == 1);
    }

    /** A fresh token of the account valid for {@code ttl}; empty when there is no such account. */
    public Uni<Optional<IssuedToken>> issueToken(String app, String accountId, Duration ttl) {
        String token = Ids.random(40);
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
        return db.preparedQuery("INSERT INTO iot.token (token, app, account_id, expires_at)"
                + " SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM iot.account WHERE app = $2 AND account_id = $3)")
            .execute(Tuple.of(token, app, accountId, expiresAt))
            .map(rows -> rows.rowCount() == 1 ? Optional.of(new IssuedToken(token, accountId, expiresAt.toInstant())) : Optional.empty());
    }

    /** The token expires now (bound channels stay bound). @return whether the app had it */
    public Uni<Boolean> expireToken(String app, String token) {
        return db.preparedQuery("UPDATE iot.token SET expires_at = LEAST(expires_at, now()) WHERE token = $1 AND app = $2")
            .execute(Tuple.of(token, app)).map(rows -> rows.rowCount() == 1);
    }

    /** The account's tokens, each with its expiry, the values left out (they were told once). */
    public Uni<List<Instant>> tokenExpiries(String app, String accountId) {
        return db.preparedQuery("SELECT expires_at FROM iot.token WHERE app = $1 AND account_id = $2 ORDER BY expires_at")
            .execute(Tuple.of(app, accountId)).map(rows -> Rows.listOf(rows, row -> row.getOffsetDateTime(0).toInstant()));
    }

    public Uni<Optional<TokenOwner>> ownerOf(String token) {
        return db.preparedQuery("SELECT app, account_id, expires_at FROM iot.token WHERE token = $1").execute(Tuple.of(token))
            .map(rows -> Rows.listOf(rows, row -> new TokenOwner(row.getString(0), row.getString(1), row.getOffsetDateTime(2).toInstant()))
                .stream().findFirst());
    }

    /** The account owns the device from now on (owning it again changes nothing). */
    public Uni<Owned> own(String accountId, ThingRef device) {
        return db.preparedQuery("INSERT INTO iot.ownership (app, account_id, product_key, device_name)"
                + " SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM iot.account WHERE app = $1 AND account_id = $2)"
                + " AND EXISTS (SELECT 1 FROM iot.device WHERE app = $1 AND product_key = $3 AND device_name = $4)"
                + " ON CONFLICT DO NOTHING RETURNING 1")
            .execute(Tuple.of(device.app(), accountId, device.productKey(), device.deviceName()))
            .flatMap(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(Owned.OWNED)
                : db.preparedQuery("SELECT EXISTS (SELECT 1 FROM iot.account WHERE app = $1 AND account_id = $2),"
                        + " EXISTS (SELECT 1 FROM iot.device WHERE app = $1 AND product_key = $3 AND device_name = $4)")
                    .execute(Tuple.of(device.app(), accountId, device.productKey(), device.deviceName()))
                    .map(found -> {
                        var row = found.iterator().next();
                        return !row.getBoolean(0) ? Owned.NO_ACCOUNT : !row.getBoolean(1) ? Owned.NO_DEVICE : Owned.OWNED;
                    }));
    }

    /** @return whether the account owned it */
    public Uni<Boolean> disown(String accountId, ThingRef device) {
        return db.preparedQuery("DELETE FROM iot.ownership WHERE app = $1 AND account_id = $2 AND product_key = $3 AND device_name = $4")
            .execute(Tuple.of(device.app(), accountId, device.productKey(), device.deviceName())).map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<ThingRef>> devicesOf(String app, String accountId) {
        return db.preparedQuery("SELECT product_key, device_name FROM iot.ownership WHERE app = $1 AND account_id = $2"
                + " ORDER BY product_key, device_name")
            .execute(Tuple.of(app, accountId)).map(rows -> Rows.listOf(rows, row -> new ThingRef(app, row.getString(0), row.getString(1))));
    }
}
