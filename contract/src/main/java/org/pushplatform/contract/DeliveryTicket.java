package org.pushplatform.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a delivery's outcome needs, carried with it to the gateway and back in its receipt, so that no one has to
 * look it up: the command's message id, its requester and its address (as JSON, see the contract's {@code Address}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryTicket(String messageId, String requester, JsonNode to) {
}
