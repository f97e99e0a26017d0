package org.pushplatform.device.devices;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.pushplatform.contract.EnvelopeCodec;

/** Columns as the reactive client hands them over, in the shapes the rest of the service uses. */
public final class JsonColumns {

    private JsonColumns() {
    }

    /** A jsonb column's value as Jackson JSON; null stays null. */
    public static JsonNode json(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return EnvelopeCodec.toJson(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return EnvelopeCodec.toJson(array.getList());
        }
        return EnvelopeCodec.toJson(value);
    }

    /** The apps of devices, as an array parameter of {@code unnest}. */
    public static String[] apps(List<DeviceRef> devices) {
        return devices.stream().map(DeviceRef::app).toArray(String[]::new);
    }

    /** The serials of devices, as an array parameter of {@code unnest}. */
    public static String[] serials(List<DeviceRef> devices) {
        return devices.stream().map(DeviceRef::serial).toArray(String[]::new);
    }
}
