package org.pushplatform.gateway.device;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.socketio.SocketIoApiAdapter;

/**
 * The device API on Socket.IO (port 3001, path {@code /socket/socket.io}). Its frames go to device-service; an
 * {@code authentication} frame keys the connection's frames by the device its signature names (the serial is in
 * clear inside the base64), so that the device's owner sees its authentication, its acks' frames and its close in
 * order. device-service checks the signature; a connection it does not bind, and that joins no room, is closed by
 * the listener's unbound timeout.
 */
@ApplicationScoped
public class DeviceSocketIoAdapter implements SocketIoApiAdapter {

    @Override
    public String api() {
        return DeviceSignatures.API;
    }

    @Override
    public Set<String> clientEvents() {
        return DeviceSignatures.CLIENT_EVENTS;
    }

    @Override
    public JsonNode beforeForward(String event, JsonNode payload, LocalConnection connection, FrameForwarder forwarder) {
        if (DeviceSignatures.AUTHENTICATION.equals(event) && connection.app() != null && payload != null) {
            String serial = DeviceSignatures.serialOf(payload.path("signature").asText(null));
            if (serial != null) {
                String left = connection.switchIdentityKey(new Address.Identity(connection.app(), IdentityKinds.DEVICE, serial).key());
                if (left != null) {
                    forwarder.closedUnder(left, connection);
                }
            }
        }
        return payload;
    }
}
