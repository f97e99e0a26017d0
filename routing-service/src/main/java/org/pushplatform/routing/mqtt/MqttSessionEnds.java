package org.pushplatform.routing.mqtt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.IotApi;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.PresenceListener;

/**
 * An MQTT session's last connection ending: its expiry counts from then (MQTT 5's session expiry interval starts at
 * the disconnect). And a device's MQTT client ({@code {deviceName}&{productKey}}) online when its CONNECT is
 * accepted, offline when its session's last connection ends, told to iot-service ({@link IotForwarder}); at the end
 * the client id comes from the same statement, off every client's path (the instance that accepted the CONNECT may
 * not be the one that sees the end, after a rebalance).
 */
@ApplicationScoped
public class MqttSessionEnds implements PresenceListener {

    private static final Logger LOG = Logger.getLogger(MqttSessionEnds.class);

    private final IotForwarder forwarder;
    private final Pool db;

    public MqttSessionEnds(IotForwarder forwarder, Pool db) {
        this.forwarder = forwarder;
        this.db = db;
    }

    /** A CONNECT was accepted; a failure to tell is logged, never the CONNECT's. */
    public Uni<Void> connected(String app, String nodeId, String connectionId, String clientId) {
        if (!IotApi.isDeviceClientId(clientId)) {
            return Uni.createFrom().voidItem();
        }
        return forwarder.presence(app, nodeId, connectionId, clientId, true).onFailure().recoverWithUni(failure -> {
            LOG.warnf("[%s] a device's online not told to iot-service: %s", connectionId, failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    @Override
    public void online(ClientConnection connection, boolean identityCameOnline) {
        // told when the CONNECT was accepted, with the client id at hand
    }

    @Override
    public void offline(ClientConnection connection, boolean identityWentOffline) {
        if (!identityWentOffline || !MqttApi.API.equals(connection.api())) {
            return;
        }
        // the session's expiry counts from now, its last connection's end (MQTT 5); the same statement gives the client id
        db.preparedQuery("UPDATE routing.identity SET last_seen_at = now() WHERE ref = $1 RETURNING id")
            .execute(Tuple.of(connection.identityRef()))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0))
            .flatMap(id -> id == null || !IotApi.isDeviceClientId(id) ? Uni.createFrom().voidItem()
                : forwarder.presence(connection.app(), connection.nodeId(), connection.connectionId(), id, false))
            .subscribe().with(done -> { }, failure -> LOG.warnf("[%s] a session's end not recorded, or a device's offline not told"
                + " to iot-service: %s", connection.connectionId(), failure.toString()));
    }
}
