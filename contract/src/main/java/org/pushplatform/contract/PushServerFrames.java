package org.pushplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Frames of the push-server API that both the gateway (codec errors) and routing (rule errors) write. */
public final class PushServerFrames {

    /**
     * The field the gateway writes into the push-server frames routing answers before a connection is bound:
     * {@code {transport, token}}, over whatever the client put there.
     */
    public static final String GATEWAY_FIELD = "gateway";

    /** Longer texts are not tokens: an appkey of 64 and a few cipher blocks. */
    private static final int MAX_TOKEN_LENGTH = 256;

    private PushServerFrames() {
    }

    /**
     * The appkey a push-server token ({@code <appkey>.<hex>}) names in clear, or null when the text is no token. Says
     * nothing about whether it is genuine: routing opens it with the app's secret.
     */
    public static String appkeyOfToken(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        int dot = token.indexOf('.');
        return dot <= 0 ? null : token.substring(0, dot);
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
