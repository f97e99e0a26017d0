package org.pushplatform.device.messaging;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.device.devices.DeviceRef;

/**
 * The device API's events that are not commands, as delivery commands to the core: QoS 0 (the receiver is
 * connected now, or the event means nothing later) and without an ack (the seed's clients answer none of them).
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    /** To one connection only (an answer to its frame). */
    public static Deliver toConnection(Address.Connection connection, String event, JsonNode data) {
        return of(connection, event, data);
    }

    /** To every connection of a device. */
    public static Deliver toDevice(DeviceRef device, String event, JsonNode data) {
        return of(device.identity(), event, data);
    }

    /** To every connection in a room of the app. */
    public static Deliver toRoom(String app, String room, String event, JsonNode data) {
        return of(new Address.Room(app, room), event, data);
    }

    private static Deliver of(Address to, String event, JsonNode data) {
        return new Deliver(to, DeviceSignatures.API, event, data == null ? List.of() : List.of(data), 0, null, null, null, null);
    }
}
