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
 * A device's MQTT client ({@code {deviceName}&{productKey}}) online when its CONNECT is accepted, offline when its
 * session's last connection ends, told to iot-service ({@link IotForwarder}). At the end the client id is read from
 * the session's identity (one indexed read, off every client's path): the instance that accepted the CONNECT may
 * not be the one that sees the end, after a rebalance.
 */
@ApplicationScoped
public class IotDevicePresence implements PresenceListener {

    private static final Logger LOG = Logger.getLogger(IotDevicePresence.class);

    private final IotForwarder forwarder;
    private final Pool db;

    public IotDevicePresence(IotForwarder forwarder, Pool db) {
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
        db.preparedQuery("SELECT id FROM routing.identity WHERE ref = $1 AND id LIKE '%&%'").execute(Tuple.of(connection.identityRef()))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0))
            .flatMap(id -> id == null ? Uni.createFrom().voidItem()
                : forwarder.presence(connection.app(), connection.nodeId(), connection.connectionId(), id, false))
            .subscribe().with(done -> { }, failure -> LOG.warnf("[%s] a device's offline not told to iot-service: %s",
                connection.connectionId(), failure.toString()));
    }
}
