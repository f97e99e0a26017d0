package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#ROUTE_TO_IDENTITIES}: the repartition step of a delivery. The instance that
 * resolved a delivery to identities writes one of these to each partition of {@link Topics#repartition()} that owns
 * some of them; the owner resolves them to connections from its memory.
 *
 * @param identityRefs the target identities, all owned by the record's partition
 * @param api          only connections of this API get it
 * @param event        the event name as the client's wire API spells it
 * @param args         the event's arguments, in order
 * @param receiptId    set when the delivery is stored until received (QoS 1 and 2)
 * @param qos          the delivery's QoS: at 0 an identity with no connection is reported offline
 * @param ackMode      NONE, RECEIPT or CLIENT (see the contract's {@code Ack})
 * @param ackTimeoutMs for a client ack, how long to wait
 * @param ticket       where the outcome goes, or null when nobody asked
 * @param except       a connection of the identities that does not get it (the one that sent what it is about); null
 * @param trace        the W3C {@code traceparent} of a sampled trace the delivery is part of; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteToIdentities(@JsonAlias("sessionIds") List<String> identityRefs, String api, String event, List<JsonNode> args,
                                String receiptId, int qos, String ackMode, Long ackTimeoutMs, DeliveryTicket ticket, String except,
                                String trace) {

    public RouteToIdentities(List<String> identityRefs, String api, String event, List<JsonNode> args, String receiptId, int qos,
                             String ackMode, Long ackTimeoutMs, DeliveryTicket ticket, String except) {
        this(identityRefs, api, event, args, receiptId, qos, ackMode, ackTimeoutMs, ticket, except, null);
    }

    public RouteToIdentities(List<String> identityRefs, String api, String event, List<JsonNode> args, String receiptId, int qos,
                             String ackMode, Long ackTimeoutMs, DeliveryTicket ticket) {
        this(identityRefs, api, event, args, receiptId, qos, ackMode, ackTimeoutMs, ticket, null, null);
    }

    /** The same delivery to other identities (of one partition). */
    public RouteToIdentities toIdentities(List<String> refs) {
        return new RouteToIdentities(refs, api, event, args, receiptId, qos, ackMode, ackTimeoutMs, ticket, except, trace);
    }
}
