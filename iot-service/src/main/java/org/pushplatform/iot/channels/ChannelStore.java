package org.pushplatform.iot.channels;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.iot.things.Rows;
import org.pushplatform.iot.things.ThingRef;

/** MQTT channels bound to accounts ({@code iot.channel}): one account per client id of an app. */
@ApplicationScoped
public class ChannelStore {

    /** A bound channel: its client id, and the product key and device name its topics carry. */
    public record Channel(String clientId, String productKey, String deviceName) {

        /** The channel's down topic for {@code suffix}, e.g. {@code thing/properties}. */
        public String downTopic(String suffix) {
            return "/sys/" + productKey + '/' + deviceName + "/app/down/" + suffix;
        }
    }

    /** A device and the channels its notices go to: every channel bound to an account that owns it. */
    public record Recipients(String iotId, List<Channel> channels) {
    }

    private final Pool db;

    public ChannelStore(Pool db) {
        this.db = db;
    }

    /** Binds the client id to the account, in place of any account it was bound to. */
    public Uni<Void> bind(String app, String accountId, Channel channel) {
        return db.preparedQuery("INSERT INTO iot.channel (app, client_id, account_id, product_key, device_name) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (app, client_id) DO UPDATE SET account_id = $3, product_key = $4, device_name = $5, bound_at = now()")
            .execute(Tuple.of(app, channel.clientId(), accountId, channel.productKey(), channel.deviceName())).replaceWithVoid();
    }

    /** @return the account it was bound to, if it was */
    public Uni<Optional<String>> unbind(String app, String clientId) {
        return db.preparedQuery("DELETE FROM iot.channel WHERE app = $1 AND client_id = $2 RETURNING account_id")
            .execute(Tuple.of(app, clientId)).map(rows -> Rows.listOf(rows, row -> row.getString(0)).stream().findFirst());
    }

    public Uni<List<Channel>> ofAccount(String app, String accountId) {
        return db.preparedQuery("SELECT client_id, product_key, device_name FROM iot.channel WHERE app = $1 AND account_id = $2"
                + " ORDER BY client_id")
            .execute(Tuple.of(app, accountId)).map(rows -> Rows.listOf(rows, ChannelStore::channelOf));
    }

    /** The device's iotId and the channels of its owners, in one statement; empty when the app has no such device. */
    public Uni<Optional<Recipients>> recipientsOf(ThingRef device) {
        return db.preparedQuery("SELECT d.iot_id, c.client_id, c.product_key, c.device_name FROM iot.device d"
                + " LEFT JOIN iot.ownership o ON o.app = d.app AND o.product_key = d.product_key AND o.device_name = d.device_name"
                + " LEFT JOIN iot.channel c ON c.app = o.app AND c.account_id = o.account_id"
                + " WHERE d.app = $1 AND d.product_key = $2 AND d.device_name = $3")
            .execute(Tuple.of(device.app(), device.productKey(), device.deviceName())).map(rows -> {
                if (rows.size() == 0) {
                    return Optional.empty();
                }
                String iotId = rows.iterator().next().getString(0);
                // an account with two of its channels, or two accounts with the same channel: each channel once
                List<Channel> channels = Rows.listOf(rows, row -> row.getString(1) == null ? null
                    : new Channel(row.getString(1), row.getString(2), row.getString(3))).stream()
                    .filter(Objects::nonNull).distinct().toList();
                return Optional.of(new Recipients(iotId, channels));
            });
    }

    private static Channel channelOf(Row row) {
        return new Channel(row.getString(0), row.getString(1), row.getString(2));
    }
}
