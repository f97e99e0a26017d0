package org.pushplatform.routing.pubsub;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.routing.messages.AppNames;
import org.pushplatform.routing.messages.MessageBodies;

/**
 * Reads and checks the fields of a pubsub frame. The limits are documented in the README:
 * topic and alias 1-128 characters without whitespace, '#' or '+'; customid 1-128; message at most 64 KiB of JSON.
 */
public final class FrameFields {

    public static final int MAX_TOPIC_LENGTH = AppNames.MAX_LENGTH;
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_MESSAGE_BYTES = MessageBodies.MAX_BYTES;
    /** Apple's own limit for a notification payload. */
    public static final int MAX_APN_BYTES = 4 * 1024;

    private final JsonNode payload;

    private FrameFields(JsonNode payload) {
        this.payload = payload;
    }

    /** The frame's first argument must be a JSON object; {@code emptyAllowed} for events sent without one. */
    public static FrameFields of(JsonNode payload, boolean emptyAllowed) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            if (emptyAllowed) {
                return new FrameFields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            }
            throw new InvalidFrameException("the event needs an object argument");
        }
        if (!payload.isObject()) {
            throw new InvalidFrameException("the event's argument must be an object");
        }
        return new FrameFields(payload);
    }

    public String requiredText(String name, int maxLength) {
        return optionalText(name, maxLength).orElseThrow(() -> new InvalidFrameException(name + " is required"));
    }

    public Optional<String> optionalText(String name, int maxLength) {
        JsonNode value = payload.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidFrameException(name + " must be a string");
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > maxLength) {
            throw new InvalidFrameException(name + " must be 1-" + maxLength + " characters");
        }
        return Optional.of(text);
    }

    public String topic() {
        return name("topic", requiredText("topic", MAX_TOPIC_LENGTH));
    }

    /** An alias, with the rules of a topic; {@code emptyAllowed} for set_alias, where "" removes the alias. */
    public String alias(boolean emptyAllowed) {
        JsonNode value = payload.get("alias");
        if (emptyAllowed && value != null && value.isTextual() && value.asText().isEmpty()) {
            return "";
        }
        return name("alias", requiredText("alias", MAX_TOPIC_LENGTH));
    }

    private static String name(String field, String value) {
        if (!AppNames.hasOnlyAllowedCharacters(value)) {
            throw new InvalidFrameException(field + " must not contain whitespace, control characters, '#' or '+'");
        }
        return value;
    }

    public boolean has(String field) {
        JsonNode value = payload.get(field);
        return value != null && !value.isNull();
    }

    /** A message id the client chose: a string, or a number as the seed's 64-bit ids sometimes arrive. */
    public Optional<String> messageId() {
        JsonNode value = payload.get("messageId");
        if (value != null && value.isIntegralNumber()) {
            return Optional.of(value.asText());
        }
        return optionalText("messageId", MAX_ID_LENGTH);
    }

    public int qos(int fallback) {
        JsonNode value = payload.get("qos");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 2) {
            throw new InvalidFrameException("qos must be 0, 1 or 2");
        }
        return value.asInt();
    }

    /** time_to_live in seconds, 0 (deliver only to who is online now) up to {@code max}. */
    public long timeToLive(long fallback, long max) {
        JsonNode value = payload.get("time_to_live");
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
            throw new InvalidFrameException("time_to_live must be a whole number of seconds from 0 to " + max);
        }
        return value.asLong();
    }

    /** apn_json: a JSON object (the seed's dict), or null when not given. */
    public JsonNode apnJson() {
        JsonNode value = payload.get("apn_json");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_APN_BYTES) {
            throw new InvalidFrameException("apn_json must be an object of at most " + MAX_APN_BYTES + " bytes");
        }
        return value;
    }

    /** The message body: any JSON value (the seed sends strings), at most {@link #MAX_MESSAGE_BYTES} encoded. */
    public JsonNode message() {
        JsonNode msg = payload.get("msg");
        if (msg == null || msg.isNull()) {
            throw new InvalidFrameException("msg is required");
        }
        if (MessageBodies.tooLarge(msg)) {
            throw new InvalidFrameException("msg must be at most " + MAX_MESSAGE_BYTES + " bytes");
        }
        return msg;
    }
}
