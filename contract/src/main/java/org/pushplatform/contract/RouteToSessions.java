package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#ROUTE_TO_SESSIONS}: the repartition step of a publish. The instance that accepted
 * a message writes one of these to each partition of {@link Topics#route()} that owns some of its target sessions;
 * the owner resolves them to connections from its memory.
 *
 * @param sessionIds the target sessions, all owned by the record's partition
 * @param event      the event name as the client's wire API spells it
 * @param args       the event's arguments, in order
 * @param receiptId  set when the message is stored until received (QoS 1 and 2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteToSessions(List<String> sessionIds, String event, List<JsonNode> args, String receiptId) {
}
