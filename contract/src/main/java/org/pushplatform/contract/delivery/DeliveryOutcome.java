package org.pushplatform.contract.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a delivery ended for one receiver: one terminal outcome per command and receiving identity (or connection,
 * for connection and room addresses). Sent on {@code push.events.deliveries}, keyed by the command's requester.
 *
 * @param messageId    the command's message id
 * @param requester    the command's requester
 * @param to           the command's address
 * @param status       delivered or failed
 * @param reason       why it failed; null when delivered
 * @param identity     the receiving identity, when known
 * @param connectionId the connection that received or acked it, when there was one
 * @param ack          the client's ack payload (e.g. a device's {@code {"status": ...}}), when it acked with one
 * @param timestamp    when the outcome was decided, in milliseconds since the epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryOutcome(String messageId, String requester, Address to, Status status, Reason reason,
                              Address.Identity identity, String connectionId, JsonNode ack, long timestamp) implements DeliveryRecord {

    public static final String TYPE = "delivery.outcome";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Address subject() {
        return to;
    }

    /** Outcomes are keyed by their requester, so that each requester reads its own in order. */
    @Override
    public String key() {
        return requester;
    }

    public enum Status {
        DELIVERED, FAILED
    }

    /** Why a delivery failed. */
    public enum Reason {
        /** QoS 0 and no connection of the receiver was online. */
        OFFLINE,
        /** A stored delivery's time to live ended before it was received. */
        EXPIRED,
        /** The client did not ack within the command's timeout. */
        ACK_TIMEOUT,
        /** No identity matches the address. */
        NO_SUCH_IDENTITY,
        /** The connection was gone when the delivery reached its node. */
        CONNECTION_GONE,
        /** The command broke a rule (unknown app, bad field); it was not carried out. */
        INVALID,
        /** Storing it would pass its app's quota of stored messages or bytes; it was not carried out. */
        QUOTA
    }
}
