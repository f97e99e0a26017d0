package org.pushplatform.gateway.push;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.SessionKeys;

/**
 * The push-server API's frame types. A TCP frame says what it is by its type code {@code t}; a Socket.IO frame by
 * its event; both travel to routing as the same event, and routing answers with {@code <event>_c}. The seed lists
 * connect as type 11 and sends it as {@code t:14}: 14 it is.
 */
public final class PushFrameTypes {

    public static final String API = "push";
    /** The client's ack of a pushed message: {@code {t:-5, mid}}, answered in the gateway (a protocol ack). */
    public static final int ACK = -5;
    public static final String CONNECT = "connect";

    private static final Map<Integer, String> EVENTS = Map.ofEntries(Map.entry(1, "heartbeat"), Map.entry(2, "register"),
        Map.entry(3, "get_topic"), Map.entry(4, "pull"), Map.entry(ACK, "push_c"), Map.entry(6, "do_push"), Map.entry(7, "info"),
        Map.entry(8, "open_door"), Map.entry(9, "phone"), Map.entry(10, "door"), Map.entry(14, CONNECT));

    private PushFrameTypes() {
    }

    /** The event of a type code, or null when the API has no such type. */
    public static String eventOf(int type) {
        return EVENTS.get(type);
    }

    /** The seed's error reply: {@code {t:0, error[, num]}}. */
    public static ObjectNode error(String message, JsonNode num) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("t", 0).put("error", message);
        if (num != null && !num.isMissingNode() && !num.isNull()) {
            reply.set("num", num);
        }
        return reply;
    }

    /** The Kafka key of a connection once it said who it is ({@code connect {alias}}): the alias's identity, or null. */
    public static String keyOfConnect(String app, JsonNode frame) {
        JsonNode alias = frame == null ? null : frame.get("alias");
        return app == null || alias == null || !alias.isTextual() || alias.asText().isEmpty() ? null : SessionKeys.of(app, alias.asText());
    }
}
