package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#EMIT}: one event, written by the gateway to each listed local connection.
 *
 * @param connectionIds the connections on the receiving node
 * @param event         the event name as the client's wire API spells it
 * @param args          the event's arguments, in order
 */
public record EmitToConnections(List<String> connectionIds, String event, List<JsonNode> args) {
}
