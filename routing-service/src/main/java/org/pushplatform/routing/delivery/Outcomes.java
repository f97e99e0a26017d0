package org.pushplatform.routing.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.routing.messaging.OutcomePublisher;

/** Turns what happened to a delivery into its outcome, from the ticket it carried. */
@ApplicationScoped
public class Outcomes {

    private final OutcomePublisher publisher;

    public Outcomes(OutcomePublisher publisher) {
        this.publisher = publisher;
    }

    /** The ticket a command's deliveries carry, or null when nobody asked for outcomes. */
    public static DeliveryTicket ticketOf(Deliver command) {
        return command.requester() == null ? null
            : new DeliveryTicket(command.messageId(), command.requester(), EnvelopeCodec.toJson(command.to()));
    }

    public void delivered(DeliveryTicket ticket, String connectionId, JsonNode ack) {
        publish(ticket, DeliveryOutcome.Status.DELIVERED, null, connectionId, ack);
    }

    public void failed(DeliveryTicket ticket, DeliveryOutcome.Reason reason, String connectionId) {
        publish(ticket, DeliveryOutcome.Status.FAILED, reason, connectionId, null);
    }

    private void publish(DeliveryTicket ticket, DeliveryOutcome.Status status, DeliveryOutcome.Reason reason, String connectionId,
                         JsonNode ack) {
        Address to = ticket == null || ticket.to() == null ? null : addressOf(ticket.to());
        publisher.publish(new DeliveryOutcome(ticket == null ? null : ticket.messageId(), ticket == null ? null : ticket.requester(),
            to, status, reason, null, connectionId, ack, System.currentTimeMillis()));
    }

    private static Address addressOf(JsonNode json) {
        try {
            return EnvelopeCodec.mapper().treeToValue(json, Address.class);
        } catch (Exception e) {
            return null;
        }
    }
}
