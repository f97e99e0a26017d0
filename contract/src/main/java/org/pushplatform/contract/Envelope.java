package org.pushplatform.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one record format on every topic of the platform.
 *
 * @param v            contract version, {@link #VERSION} for records written by this code
 * @param type         what the record is, one of {@link EnvelopeTypes}
 * @param app          the tenant (pubsub appkey, chat app, ...), null before a client has said which
 * @param nodeId       the gateway node that holds the connection, if any
 * @param connectionId the connection the record came from or goes to, if any
 * @param identity     the identity the record is about (session, alias, account), if known
 * @param messageId    unique id used for idempotence and correlation
 * @param timestamp    milliseconds since the epoch when the record was made
 * @param payload      the type-specific body
 * @param trace        the W3C {@code traceparent} of the span this record continues, when it is part of a sampled trace
 *                     (OpenTelemetry, when tracing is on); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(int v, String type, String app, String nodeId, String connectionId, String identity,
                       String messageId, long timestamp, JsonNode payload, String trace) {

    public static final int VERSION = 1;

    public Envelope(int v, String type, String app, String nodeId, String connectionId, String identity, String messageId, long timestamp,
                    JsonNode payload) {
        this(v, type, app, nodeId, connectionId, identity, messageId, timestamp, payload, null);
    }

    /** The same record as part of the trace whose span is {@code traceparent}. */
    public Envelope withTrace(String traceparent) {
        return new Envelope(v, type, app, nodeId, connectionId, identity, messageId, timestamp, payload, traceparent);
    }

    /** A record from a connection on a gateway node, before any identity is known. */
    public static Envelope fromConnection(String type, String nodeId, String connectionId, String messageId, JsonNode payload) {
        return new Envelope(VERSION, type, null, nodeId, connectionId, null, messageId, System.currentTimeMillis(), payload);
    }

    /** A record addressed to a gateway node. */
    public static Envelope toGateway(String type, String nodeId, String messageId, JsonNode payload) {
        return new Envelope(VERSION, type, null, nodeId, null, null, messageId, System.currentTimeMillis(), payload);
    }
}
