package org.pushplatform.iot.inbound;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.iot.messaging.ChannelMessages;
import org.pushplatform.iot.things.Names;

/**
 * Answers to uplinks, on their {@code _reply} topics to the client that sent them: {@code {id, code, message}} as the
 * seed's bind and unbind replies have it (device uplinks' replies add {@code data}, {@code method} and {@code version},
 * the shape device SDKs read).
 */
@ApplicationScoped
public class UplinkReplies {

    /** A reply is worth something only while the client waits for it. */
    private static final Duration TTL = Duration.ofMinutes(5);

    private final ChannelMessages messages;

    public UplinkReplies(ChannelMessages messages) {
        this.messages = messages;
    }

    /** The request's id as the reply echoes it: its text, or "" when it has none or an over-long one. */
    public static String idOf(JsonNode request) {
        JsonNode id = request == null ? null : request.get("id");
        String text = id == null || !(id.isTextual() || id.isNumber()) ? "" : id.asText();
        return text.length() > Names.MAX_ID ? "" : text;
    }

    public Uni<Void> reply(String app, String clientId, String topic, String id, int code, String message) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("id", id).put("code", code).put("message", message);
        return messages.send(new ChannelMessages.Message(app, clientId, topic, reply, TTL));
    }

    public Uni<Void> deviceReply(String app, String clientId, String topic, String id, int code, String message, String method) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("id", id).put("code", code);
        reply.set("data", JsonNodeFactory.instance.objectNode());
        reply.put("message", message).put("method", method).put("version", "1.0");
        return messages.send(new ChannelMessages.Message(app, clientId, topic, reply, TTL));
    }
}
