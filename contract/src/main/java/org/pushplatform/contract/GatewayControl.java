package org.pushplatform.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Payload of the gateway control records ({@link EnvelopeTypes#JOIN_ROOM}, {@link EnvelopeTypes#LEAVE_ROOM},
 * {@link EnvelopeTypes#DISCONNECT}, {@link EnvelopeTypes#BOUND}) for one local connection.
 *
 * @param connectionId the connection
 * @param app          its app
 * @param room         the room joined or left
 * @param routingKey   for BOUND: the key the connection's frames, receipts and close are sent under from now on
 * @param reason       for DISCONNECT: why, for the logs
 * @param ticket       where the outcome goes, when the command's requester asked when it takes effect: the gateway
 *                     answers a receipt once it applied it (or found the connection gone)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayControl(String connectionId, String app, String room, String routingKey, String reason, DeliveryTicket ticket) {

    public GatewayControl(String connectionId, String app, String room, String routingKey, String reason) {
        this(connectionId, app, room, routingKey, reason, null);
    }
}
