package org.pushplatform.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payload of {@link EnvelopeTypes#DELIVERY_RECEIPT}: what became of one delivery on one connection.
 *
 * @param receiptId the stored delivery's id, or null for one that is not stored
 * @param delivered true when written (receipt mode) or acked by the client (client mode); false when the client
 *                  did not ack in time
 * @param ack       the client's ack payload, when it acked with one
 * @param ticket    the delivery's ticket, when someone asked for its outcome
 * @param failure   why it was not delivered when it is not an ack timeout: {@link #CONNECTION_GONE}; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryReceipt(String receiptId, boolean delivered, JsonNode ack, DeliveryTicket ticket, String failure) {

    /** The connection was not on the node (closed, or not of the delivery's app). */
    public static final String CONNECTION_GONE = "CONNECTION_GONE";

    public DeliveryReceipt(String receiptId, boolean delivered, JsonNode ack, DeliveryTicket ticket) {
        this(receiptId, delivered, ack, ticket, null);
    }
}
