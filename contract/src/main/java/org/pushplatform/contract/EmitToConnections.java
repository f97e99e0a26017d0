package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#EMIT}: one event, written by the gateway to each listed local connection, or to
 * every local connection of {@code api} in {@code room}.
 *
 * @param connectionIds the connections on the receiving node, or null for a room
 * @param event         the event name as the client's wire API spells it
 * @param args          the event's arguments, in order
 * @param receiptId     set for a stored delivery: written at most once per connection, and answered with a receipt
 * @param room          a room of the app: every local member connection of {@code api} gets it
 * @param app           the app of the delivery (a room's, or the connections'): never written to a connection of
 *                      another app; null only for a reply to a connection's own frame
 * @param api           the API of the delivery: never written to a connection of another API
 * @param ackMode       NONE (or null), RECEIPT (a receipt once written) or CLIENT (sent with an ack callback; the
 *                      client's ack, or its absence after {@code ackTimeoutMs}, is answered with a receipt)
 * @param ackTimeoutMs  how long a client ack is waited for
 * @param ticket        where the outcome goes, echoed in the receipt
 * @param replyTo       the message id of a client frame: {@code args} answer its ack callback instead of an event
 * @param onceId        written at most once to each connection under this id (a delivery that is not stored but may
 *                      be sent again, e.g. by a service that took an account over after a crash); the repeat is
 *                      answered with a receipt as if written
 * @param redelivery    true for a stored delivery that may have reached an earlier connection of its identity (MQTT
 *                      marks it DUP); null otherwise
 * @param trace         the W3C {@code traceparent} of a sampled trace the delivery is part of; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args, String receiptId, String room,
                                String app, String api, String ackMode, Long ackTimeoutMs, DeliveryTicket ticket,
                                String replyTo, String onceId, Boolean redelivery, String trace) {

    public EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args, String receiptId, String room,
                             String app, String api, String ackMode, Long ackTimeoutMs, DeliveryTicket ticket, String replyTo,
                             String onceId, Boolean redelivery) {
        this(connectionIds, event, args, receiptId, room, app, api, ackMode, ackTimeoutMs, ticket, replyTo, onceId, redelivery, null);
    }

    public EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args, String receiptId, String room,
                             String app, String api, String ackMode, Long ackTimeoutMs, DeliveryTicket ticket, String replyTo,
                             String onceId) {
        this(connectionIds, event, args, receiptId, room, app, api, ackMode, ackTimeoutMs, ticket, replyTo, onceId, null, null);
    }

    public EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args, String receiptId, String room,
                             String app, String api, String ackMode, Long ackTimeoutMs, DeliveryTicket ticket, String replyTo) {
        this(connectionIds, event, args, receiptId, room, app, api, ackMode, ackTimeoutMs, ticket, replyTo, null, null, null);
    }

    public EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args) {
        this(connectionIds, event, args, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same delivery to other connections: a fan-out too large for one record is split this way. */
    public EmitToConnections toConnections(List<String> ids) {
        return new EmitToConnections(ids, event, args, receiptId, room, app, api, ackMode, ackTimeoutMs, ticket, replyTo, onceId,
            redelivery, trace);
    }

    /** True when the gateway must answer each write or ack with a receipt: stored, acked, or someone asked for its outcome. */
    public boolean wantsReceipt() {
        return receiptId != null || ticket != null || (ackMode != null && !"NONE".equals(ackMode));
    }

    /** The id this delivery is written at most once per connection under, or null. */
    public String writtenOnceAs() {
        return receiptId != null ? receiptId : onceId;
    }

    public boolean wantsClientAck() {
        return "CLIENT".equals(ackMode);
    }
}
