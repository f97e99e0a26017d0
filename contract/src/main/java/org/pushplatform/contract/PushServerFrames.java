package org.pushplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Frames of the push-server API that both the gateway (codec errors) and routing (rule errors) write. */
public final class PushServerFrames {

    private PushServerFrames() {
    }

    /** The seed's failure reply {@code {t:0, error[, num]}}, echoing the frame's {@code num} when it had one. */
    public static ObjectNode error(String message, JsonNode num) {
        return withNum(JsonNodeFactory.instance.objectNode().put("t", 0).put("error", message), num);
    }

    /** The reply with the request's {@code num} (the seed's correlation code), when the request had one. */
    public static ObjectNode withNum(ObjectNode reply, JsonNode num) {
        if (num != null && !num.isMissingNode() && !num.isNull()) {
            reply.set("num", num);
        }
        return reply;
    }
}
