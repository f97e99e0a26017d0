package org.pushplatform.routing.push;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.PushServerFrames;

/** The push-server API's frames as the seed writes them: replies carry the negative of the request's type. */
final class PushReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The type of a pushed message; the client acks it with {@code t:-5}. */
    static final int PUSH = 5;

    private PushReplies() {
    }

    /** {@code {t:-type[, num]}}. */
    static ObjectNode ok(int type, JsonNode num) {
        return PushServerFrames.withNum(JSON.objectNode().put("t", -type), num);
    }

    static ObjectNode withAlias(int type, String alias) {
        return JSON.objectNode().put("t", -type).put("alias", alias);
    }

    static ObjectNode topics(JsonNode num, List<String> topics) {
        ObjectNode reply = ok(3, num);
        ArrayNode list = reply.putArray("topic");
        topics.forEach(list::add);
        return reply;
    }

    static ObjectNode pulled(JsonNode num, List<JsonNode> messages) {
        ObjectNode reply = ok(4, num);
        reply.putArray("msg").addAll(messages);
        return reply;
    }

    /** info_status: {@code {alias, list: [channels], status: online|offline}}. */
    static ObjectNode status(String alias, List<String> topics, boolean online) {
        ObjectNode reply = JSON.objectNode().put("alias", alias);
        ArrayNode list = reply.putArray("list");
        topics.forEach(list::add);
        return reply.put("status", online ? "online" : "offline");
    }

    /** {@code {total, list}}: a page of aliases. */
    static ObjectNode aliasPage(long total, List<String> aliases) {
        ObjectNode reply = JSON.objectNode().put("total", total);
        ArrayNode list = reply.putArray("list");
        aliases.forEach(list::add);
        return reply;
    }

    /** A pushed message: {@code {t:5, mid, topic|alias, msg}}. */
    static ObjectNode push(String mid, String targetField, String target, JsonNode msg) {
        ObjectNode frame = JSON.objectNode().put("t", PUSH).put("mid", mid).put(targetField, target);
        frame.set("msg", msg);
        return frame;
    }
}
