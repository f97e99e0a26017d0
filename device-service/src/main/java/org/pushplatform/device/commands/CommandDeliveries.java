package org.pushplatform.device.commands;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.DeviceSignatures;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.device.messaging.Payloads;

/**
 * How a command's attempt travels through the delivery core and comes back: a QoS 0 delivery to the device's
 * identity with a client ack (the Socket.IO ack callback) within the command's timeout, under a message id naming
 * the command and attempt, and an outcome that settles that attempt.
 */
public final class CommandDeliveries {

    /** Requester of every delivery of this service: {@code device-service/<app>/<serial>}, the outcome's Kafka key. */
    public static final String REQUESTER_PREFIX = "device-service/";
    private static final String MESSAGE_ID_PREFIX = "device-command:";

    private CommandDeliveries() {
    }

    /**
     * The delivery of one attempt. The seed's sample client handles every event as {@code (data, callback)}: a
     * command without a payload is sent with an empty object, so that the callback stays the second argument.
     */
    public static Deliver deliverOf(CommandLedger.Sent sent) {
        JsonNode data = sent.payload() == null ? JsonNodeFactory.instance.objectNode() : sent.payload();
        return new Deliver(sent.device().identity(), DeviceSignatures.API, sent.event(), List.of(data), 0, null,
            Ack.client(sent.ackTimeoutMs()), MESSAGE_ID_PREFIX + sent.id() + ":" + sent.attempt(),
            REQUESTER_PREFIX + sent.device().key());
    }

    /** The attempt an outcome settles; null for an outcome of another requester, or not of a command. */
    public static CommandLedger.Outcome outcomeOf(DeliveryOutcome outcome) {
        if (outcome.requester() == null || !outcome.requester().startsWith(REQUESTER_PREFIX) || outcome.messageId() == null
            || !outcome.messageId().startsWith(MESSAGE_ID_PREFIX)) {
            return null;
        }
        String[] idAndAttempt = outcome.messageId().substring(MESSAGE_ID_PREFIX.length()).split(":");
        long id;
        int attempt;
        try {
            id = Long.parseLong(idAndAttempt[0]);
            attempt = Integer.parseInt(idAndAttempt[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
        if (outcome.status() == DeliveryOutcome.Status.DELIVERED) {
            return acked(id, attempt, Payloads.object(outcome.ack()));
        }
        return switch (outcome.reason() == null ? DeliveryOutcome.Reason.INVALID : outcome.reason()) {
            case ACK_TIMEOUT -> new CommandLedger.Outcome(id, attempt, CommandLedger.Settlement.TIMED_OUT, null, "not acked in time");
            case OFFLINE, NO_SUCH_IDENTITY, CONNECTION_GONE ->
                new CommandLedger.Outcome(id, attempt, CommandLedger.Settlement.UNSENT, null, "the device was offline");
            default -> new CommandLedger.Outcome(id, attempt, CommandLedger.Settlement.REFUSED, null,
                "the delivery core refused it: " + outcome.reason());
        };
    }

    /** {@code {ack: true}} is delivered; with more fields ({@code status}, {@code count}), those are its result. */
    private static CommandLedger.Outcome acked(long id, int attempt, JsonNode ack) {
        if (ack != null && ack.has("ack") && !ack.get("ack").asBoolean(true)) {
            return new CommandLedger.Outcome(id, attempt, CommandLedger.Settlement.REFUSED, ack, "the device answered ack: false");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (ack != null) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = ack.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("ack")) {
                    result.set(field.getKey(), field.getValue());
                }
            }
        }
        return new CommandLedger.Outcome(id, attempt, CommandLedger.Settlement.ACKED, result.isEmpty() ? null : result, null);
    }
}
