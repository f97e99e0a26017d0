package org.pushplatform.routing.pubsub;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The reply shapes of the seed, argument by argument, for every pubsub event. */
public final class PubsubReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PubsubReplies() {
    }

    public static List<JsonNode> connack(String sessionId) {
        return List.of(success(true), JSON.objectNode().put("sessionid", sessionId));
    }

    /** suback / unsuback: {success}, {topic}, {messageId}. */
    public static List<JsonNode> subscriptionAck(boolean success, String errorMsg, String topic, String messageId) {
        ObjectNode first = success(success);
        if (errorMsg != null) {
            first.put("error_msg", errorMsg);
        }
        return List.of(first, JSON.objectNode().put("topic", topic), JSON.objectNode().put("messageId", messageId));
    }

    public static List<JsonNode> puback(String messageId) {
        return List.of(success(true).put("messageId", messageId));
    }

    public static List<JsonNode> message(String topic, JsonNode msg) {
        ObjectNode message = JSON.objectNode().put("topic", topic);
        message.set("msg", msg);
        return List.of(message);
    }

    /**
     * recvack, as the seed shows it: {@code data} is a JSON text, not an object:
     * {@code {success: true, messageId, data: '{"timestamp":1411374510357,"alias":"bob"}'}}.
     */
    public static List<JsonNode> recvack(String messageId, String alias, long timestamp) {
        ObjectNode data = JSON.objectNode().put("timestamp", timestamp).put("alias", alias == null ? "" : alias);
        return List.of(success(true).put("messageId", messageId).put("data", data.toString()));
    }

    /** The msg of a presence event on {@code <topic>/p}: a JSON text, see {@link TopicPresence}. */
    public static JsonNode presence(String action, String alias) {
        ObjectNode event = JSON.objectNode().put("action", action).put("alias", alias == null ? "" : alias)
            .put("timestamp", System.currentTimeMillis());
        return JSON.textNode(event.toString());
    }

    public static List<JsonNode> setAliasAck() {
        return List.of(success(true));
    }

    public static List<JsonNode> alias(String alias) {
        return List.of(JSON.objectNode().put("alias", alias == null ? "" : alias));
    }

    public static List<JsonNode> aliasList(List<String> aliases) {
        ObjectNode reply = success(true);
        ObjectNode data = reply.putObject("data");
        aliases.forEach(data.putArray("alias")::add);
        data.put("occupancy", aliases.size());
        return List.of(reply);
    }

    public static List<JsonNode> topicList(List<String> topics) {
        ObjectNode reply = success(true);
        topics.forEach(reply.putObject("data").putArray("topics")::add);
        return List.of(reply);
    }

    public static List<JsonNode> state(boolean online) {
        return List.of(success(true).put("data", online ? "online" : "offline"));
    }

    /** The failure reply every event gets: {success: false, error_msg}, with the message id when there is one. */
    public static List<JsonNode> failure(String errorMsg, String messageId) {
        ObjectNode reply = success(false).put("error_msg", errorMsg);
        if (messageId != null) {
            reply.put("messageId", messageId);
        }
        return List.of(reply);
    }

    private static ObjectNode success(boolean success) {
        return JSON.objectNode().put("success", success);
    }
}
