package org.pushplatform.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.DeliveryReceipt;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.gateway.session.LocalConnection;

/** Tells routing what became of a delivery or a command on one connection: a receipt, carrying its outcome's ticket. */
@ApplicationScoped
public class ReceiptSender {

    private final InboundPublisher publisher;

    public ReceiptSender(InboundPublisher publisher) {
        this.publisher = publisher;
    }

    /** Written or acked ({@code delivered}), or not acked in time; nothing when nobody waits for it. */
    public void receipt(LocalConnection connection, String receiptId, DeliveryTicket ticket, boolean delivered, JsonNode ack) {
        if (receiptId == null && ticket == null) {
            return;
        }
        var receipt = new DeliveryReceipt(receiptId, delivered, ack, ticket, null);
        publisher.publishToRouting(EnvelopeTypes.DELIVERY_RECEIPT, connection, EnvelopeCodec.toJson(receipt));
    }

    /** The connection is not here (closed, or of another app): whoever asked for the outcome hears CONNECTION_GONE. */
    public void gone(String connectionId, DeliveryTicket ticket) {
        if (ticket != null) {
            var receipt = new DeliveryReceipt(null, false, null, ticket, DeliveryReceipt.CONNECTION_GONE);
            publisher.receiptForGone(EnvelopeTypes.DELIVERY_RECEIPT, connectionId, EnvelopeCodec.toJson(receipt));
        }
    }
}
