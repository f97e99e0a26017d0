package org.pushplatform.device.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.EnvelopeCodec;

/**
 * What clients send as an event's data or an ack: an object, or (the seed asks for "a JSON string") the same object
 * as JSON text. Both mean the object.
 */
public final class Payloads {

    private Payloads() {
    }

    /** The object a payload means; null when it is none. */
    public static JsonNode object(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        if (payload.isTextual()) {
            try {
                JsonNode parsed = EnvelopeCodec.mapper().readTree(payload.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return payload.isObject() ? payload : null;
    }

    /** A text field of a payload; null when absent, not text, or blank. */
    public static String text(JsonNode payload, String field) {
        JsonNode object = object(payload);
        JsonNode value = object == null ? null : object.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
