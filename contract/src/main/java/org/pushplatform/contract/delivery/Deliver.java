package org.pushplatform.contract.delivery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deliver one client-visible event to an address: the command every API's service and the integration API send.
 *
 * @param to         the identity, topic, room or connection
 * @param api        the wire API the event belongs to (pubsub, push, device, chat, iot): only its clients get it
 * @param event      the event name as that API spells it
 * @param args       the event's arguments as the client sees them, in order
 * @param qos        0 sent to who is connected now; 1 stored until received (see {@link Ack}); 2 as 1 and exactly
 *                   once per message id and requester. To a connection (never stored): 0, or 2 for at most once per
 *                   message id on that connection, however often the command is sent
 * @param ttlSeconds how long a stored delivery waits for its receiver; null for the core's default
 * @param ack        what counts as delivered; null means {@link Ack#NONE} at QoS 0 and {@link Ack#RECEIPT} above
 * @param messageId  the sender's id of this delivery, echoed in its outcomes; QoS 2 deduplicates on it
 * @param requester  where outcomes go: the key of the records on {@code push.events.deliveries}; null for none
 * @param replyTo    to a connection only: the message id of a client frame that asked for an ack; {@code args}
 *                   then answer that frame's ack callback, and {@code event} is not sent
 * @param except     at QoS 0 to an identity: the id of one of its connections that does not get it (the one that sent
 *                   what it is about, when its other devices are to hear of it); null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deliver(Address to, String api, String event, List<JsonNode> args, int qos, Long ttlSeconds, Ack ack,
                      String messageId, String requester, String replyTo, String except) implements DeliveryRecord {

    public static final String TYPE = "deliver";

    public Deliver(Address to, String api, String event, List<JsonNode> args, int qos, Long ttlSeconds, Ack ack, String messageId,
                   String requester) {
        this(to, api, event, args, qos, ttlSeconds, ack, messageId, requester, null, null);
    }

    public Deliver(Address to, String api, String event, List<JsonNode> args, int qos, Long ttlSeconds, Ack ack, String messageId,
                   String requester, String replyTo) {
        this(to, api, event, args, qos, ttlSeconds, ack, messageId, requester, replyTo, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Address subject() {
        return to;
    }

    /** The acknowledgement asked for, with the defaults filled in. */
    public Ack ackOrDefault() {
        if (ack != null) {
            return ack;
        }
        return qos == 0 ? Ack.NONE : Ack.RECEIPT;
    }
}
