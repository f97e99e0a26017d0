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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryReceipt(String receiptId, boolean delivered, JsonNode ack, DeliveryTicket ticket) {
}
