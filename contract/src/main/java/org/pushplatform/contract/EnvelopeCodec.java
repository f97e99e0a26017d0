package org.pushplatform.contract;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Envelope to JSON and back; unknown fields are ignored so that newer writers do not break older readers. */
public final class EnvelopeCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EnvelopeCodec() {
    }

    public static String encode(Envelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("envelope cannot be written as JSON", e);
        }
    }

    /** @throws MalformedEnvelopeException when the text is not an envelope of a version we read */
    public static Envelope decode(String json) {
        try {
            Envelope envelope = MAPPER.readValue(json, Envelope.class);
            if (envelope.v() != Envelope.VERSION || envelope.type() == null) {
                throw new MalformedEnvelopeException("unsupported envelope version " + envelope.v() + " or no type");
            }
            return envelope;
        } catch (IOException e) {
            throw new MalformedEnvelopeException("not an envelope: " + e.getMessage());
        }
    }

    /** An envelope already parsed as JSON, e.g. one record of a {@link RecordBatch}. */
    public static Envelope decode(JsonNode json) {
        try {
            Envelope envelope = MAPPER.treeToValue(json, Envelope.class);
            if (envelope.v() != Envelope.VERSION || envelope.type() == null) {
                throw new MalformedEnvelopeException("unsupported envelope version " + envelope.v() + " or no type");
            }
            return envelope;
        } catch (IOException e) {
            throw new MalformedEnvelopeException("not an envelope: " + e.getMessage());
        }
    }

    public static JsonNode toJson(Object payload) {
        return MAPPER.valueToTree(payload);
    }

    public static <T> T payload(Envelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.payload(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEnvelopeException("payload of " + envelope.type() + " is not a " + type.getSimpleName());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Thrown for records that are not envelopes this code understands. */
    public static final class MalformedEnvelopeException extends RuntimeException {
        public MalformedEnvelopeException(String message) {
            super(message);
        }
    }

}
