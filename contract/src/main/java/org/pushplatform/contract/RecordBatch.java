package org.pushplatform.contract;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#BATCH}: records for one partition (a gateway node's, or one of the repartition
 * step's) written together as one Kafka record ({@code {"records": [envelope, ...]}}), to be handled in order. Built
 * from already encoded envelopes, so that each is written once.
 */
public final class RecordBatch {

    private RecordBatch() {
    }

    /**
     * The batch envelope, as JSON text, around envelopes already encoded by {@link EnvelopeCodec#encode}.
     *
     * @param nodeId the gateway node it is for, or null
     */
    public static String encode(String nodeId, String messageId, List<String> encodedEnvelopes) {
        StringBuilder json = new StringBuilder(64 + encodedEnvelopes.stream().mapToInt(String::length).sum() + encodedEnvelopes.size());
        json.append("{\"v\":").append(Envelope.VERSION).append(",\"type\":\"").append(EnvelopeTypes.BATCH).append('"');
        if (nodeId != null) {
            json.append(",\"nodeId\":").append(quote(nodeId));
        }
        json.append(",\"messageId\":").append(quote(messageId)).append(",\"timestamp\":").append(System.currentTimeMillis())
            .append(",\"payload\":{\"records\":[");
        for (int i = 0; i < encodedEnvelopes.size(); i++) {
            json.append(i > 0 ? "," : "").append(encodedEnvelopes.get(i));
        }
        return json.append("]}}").toString();
    }

    /** The envelopes of a batch, in order. */
    public static List<Envelope> records(Envelope batch) {
        JsonNode records = batch.payload() == null ? null : batch.payload().get("records");
        if (records == null || !records.isArray()) {
            throw new EnvelopeCodec.MalformedEnvelopeException("a gateway batch without records");
        }
        List<Envelope> envelopes = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            envelopes.add(EnvelopeCodec.decode(record));
        }
        return envelopes;
    }

    private static String quote(String text) {
        return EnvelopeCodec.mapper().getNodeFactory().textNode(text).toString();
    }
}
