package org.pushplatform.device.devices;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.delivery.Address;

/**
 * A record from a connection of the device API (a frame, or its close), with the Kafka key it came under: a
 * device's key ({@code app/serial}) once the connection named its device, the connection's id before.
 */
public record ClientFrame(Envelope envelope, String recordKey) {

    public String app() {
        return envelope.app();
    }

    public JsonNode payload() {
        return envelope.payload();
    }

    public String connectionId() {
        return envelope.connectionId();
    }

    public Address.Connection connection() {
        return new Address.Connection(envelope.app(), envelope.nodeId(), envelope.connectionId());
    }

    /** The device the connection named (in its authentication), or null before it named one. */
    public DeviceRef namedDevice() {
        String app = envelope.app();
        if (app == null || recordKey == null || !recordKey.startsWith(app + '/') || recordKey.length() == app.length() + 1) {
            return null;
        }
        return new DeviceRef(app, recordKey.substring(app.length() + 1));
    }
}
