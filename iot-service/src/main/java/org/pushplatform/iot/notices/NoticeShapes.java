package org.pushplatform.iot.notices;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.iot.things.ThingRef;

/**
 * The seed's down messages, {@code {id, version, params, method}}, made from what a notice's source gives: the
 * device's iotId, product key and device name are filled in here (the product key and device name in the payload are
 * the device's; those in the topic are the channel's own), and what the source gives is checked and bounded.
 */
public final class NoticeShapes {

    public static final String VERSION = "1.0";
    private static final List<String> STATUS_VALUES = List.of("0", "1", "3", "8");
    private static final List<String> TOPO_FIELDS = List.of("subIotId", "subProductKey", "subDeviceName", "oldGwIotId",
        "oldGwProductKey", "oldGwDeviceName");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NoticeShapes() {
    }

    /** A notice its source got wrong: said back to REST callers, counted for Kafka and MQTT sources. */
    public static final class InvalidNotice extends RuntimeException {
        public InvalidNotice(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param id     the message id, made up by the caller or the device
     * @param params what the source gives (for topology: the seed's {@code param})
     * @param now    when it is, for a time the source left out
     */
    public static ObjectNode message(NoticeKind kind, String id, ThingRef device, String iotId, JsonNode params, long now) {
        if (params == null || !params.isObject()) {
            throw new InvalidNotice(kind.paramsField() + " must be an object");
        }
        ObjectNode message = JSON.objectNode().put("id", id).put("version", VERSION);
        message.set(kind.paramsField(), switch (kind) {
            case PROPERTIES -> properties(device, iotId, params, now);
            case EVENTS -> event(device, iotId, params, now);
            case STATUS -> status(device, iotId, params, now);
            case TOPO_ADD_STATUS -> topology(device, iotId, params);
            case OTA_FORWARD -> ota(iotId, params);
        });
        message.put("method", kind.method());
        return message;
    }

    /** The status value a status notice sets, "0", "1", "3" or "8" (a number is taken for its text). */
    public static String statusValue(JsonNode params) {
        JsonNode status = params.has("status") ? params.get("status") : params;
        JsonNode value = status.path("value");
        String text = value.isTextual() || value.isIntegralNumber() ? value.asText() : null;
        if (text == null || !STATUS_VALUES.contains(text)) {
            throw new InvalidNotice("status.value must be one of 0, 1, 3, 8");
        }
        return text;
    }

    /** When a status notice's status began: its {@code time}, or now. */
    public static long statusTime(JsonNode params, long now) {
        JsonNode status = params.has("status") ? params.get("status") : params;
        return status.path("time").canConvertToLong() ? status.get("time").asLong() : now;
    }

    private static ObjectNode device(ThingRef device, String iotId) {
        return JSON.objectNode().put("iotId", iotId).put("productKey", device.productKey()).put("deviceName", device.deviceName());
    }

    /** {@code items: {name: {time, value}}}; a bare value is taken as reported now. */
    private static ObjectNode properties(ThingRef device, String iotId, JsonNode params, long now) {
        JsonNode items = params.get("items");
        if (items == null || !items.isObject() || items.isEmpty()) {
            throw new InvalidNotice("params.items must be an object with at least one property");
        }
        ObjectNode shaped = JSON.objectNode();
        items.fields().forEachRemaining(item -> {
            JsonNode given = item.getValue();
            boolean timed = given.isObject() && given.has("value");
            long time = timed && given.path("time").canConvertToLong() ? given.get("time").asLong() : now;
            ObjectNode one = JSON.objectNode().put("time", time);
            one.set("value", timed ? given.get("value") : given);
            shaped.set(item.getKey(), one);
        });
        ObjectNode out = device(device, iotId);
        out.set("items", shaped);
        return out;
    }

    /** {@code identifier} (required), {@code name}, {@code type} (info by default), {@code value}, {@code time}. */
    private static ObjectNode event(ThingRef device, String iotId, JsonNode params, long now) {
        String identifier = params.path("identifier").asText("");
        if (identifier.isEmpty() || identifier.length() > 128) {
            throw new InvalidNotice("params.identifier is required (at most 128 characters)");
        }
        ObjectNode out = JSON.objectNode().put("identifier", identifier)
            .put("name", params.path("name").asText(identifier))
            .put("type", params.path("type").asText("info"));
        out.setAll(device(device, iotId));
        out.set("value", params.has("value") ? params.get("value") : JSON.objectNode());
        out.put("time", params.path("time").canConvertToLong() ? params.get("time").asLong() : now);
        return out;
    }

    /** {@code status: {time, value}} (or {@code {value, time}}); the value a string, as the seed has it. */
    private static ObjectNode status(ThingRef device, String iotId, JsonNode params, long now) {
        ObjectNode out = device(device, iotId);
        out.set("status", JSON.objectNode().put("time", statusTime(params, now)).put("value", statusValue(params)));
        return out;
    }

    /** The seed's {@code param}: the sub device's result; the new gateway is the device the notice is about. */
    private static ObjectNode topology(ThingRef device, String iotId, JsonNode params) {
        JsonNode status = params.path("status");
        if (!status.isIntegralNumber() || status.asInt() < 0 || status.asInt() > 2) {
            throw new InvalidNotice("param.status must be 0, 1 or 2");
        }
        ObjectNode out = JSON.objectNode().put("status", status.asInt());
        for (String field : TOPO_FIELDS) {
            out.put(field, boundedText(params, field));
        }
        return out.put("newGwIotId", iotId).put("newGwProductKey", device.productKey()).put("newGwDeviceName", device.deviceName());
    }

    /** {@code srcVersion, destVersion, step, desc, upgradeStatus}, the device's iotId in front. */
    private static ObjectNode ota(String iotId, JsonNode params) {
        JsonNode upgradeStatus = params.path("upgradeStatus");
        if (!upgradeStatus.isIntegralNumber() || upgradeStatus.asInt() < 0 || upgradeStatus.asInt() > 4) {
            throw new InvalidNotice("params.upgradeStatus must be 0 to 4");
        }
        return JSON.objectNode().put("iotId", iotId)
            .put("srcVersion", boundedText(params, "srcVersion"))
            .put("destVersion", boundedText(params, "destVersion"))
            .put("step", params.path("step").asInt(0))
            .put("desc", boundedText(params, "desc"))
            .put("upgradeStatus", upgradeStatus.asInt());
    }

    private static String boundedText(JsonNode params, String field) {
        String text = params.path(field).asText("");
        if (text.length() > 256) {
            throw new InvalidNotice(field + " is longer than 256 characters");
        }
        return text;
    }
}
