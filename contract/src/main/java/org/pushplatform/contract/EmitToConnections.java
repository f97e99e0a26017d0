package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#EMIT}: one event, written by the gateway to each listed local connection.
 *
 * @param connectionIds the connections on the receiving node
 * @param event         the event name as the client's wire API spells it
 * @param args          the event's arguments, in order
 * @param receiptId     set for a stored message: the gateway answers each write with a
 *                      {@link EnvelopeTypes#DELIVERY_RECEIPT} carrying it, and writes it at most once per connection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args, String receiptId) {

    public EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args) {
        this(connectionIds, event, args, null);
    }
}
