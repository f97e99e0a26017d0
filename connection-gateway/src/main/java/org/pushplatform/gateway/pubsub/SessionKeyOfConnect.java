package org.pushplatform.gateway.pubsub;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.SessionKeys;

/**
 * The session a {@code connect_v2} frame asks for, as the Kafka key of the connection's later frames. A frame
 * without customid gets a fresh one here, so that its one-off session has a key like any other (marked so that
 * routing lets it expire soon). Whether the appkey exists is routing's to say.
 */
final class SessionKeyOfConnect {

    private SessionKeyOfConnect() {
    }

    /** The frame, with a new customid when it has none. */
    static JsonNode withCustomid(JsonNode frame) {
        if (frame == null || !frame.isObject() || frame.hasNonNull("customid")) {
            return frame;
        }
        ObjectNode copy = ((ObjectNode) frame).deepCopy();
        copy.put("customid", UUID.randomUUID().toString());
        copy.put(SessionKeys.GENERATED_CUSTOMID, true);
        return copy;
    }

    /** appkey/customid, or null when the frame does not name a session (routing will say why). */
    static String of(JsonNode frame) {
        if (frame == null || !frame.path("appkey").isTextual() || !frame.path("customid").isTextual()) {
            return null;
        }
        return SessionKeys.of(frame.get("appkey").asText(), frame.get("customid").asText());
    }
}
