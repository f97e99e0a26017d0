package org.pushplatform.chat.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.delivery.Address;

/** A record from a connection of the chat API: a frame, its opening or its close. */
public record ChatFrame(Envelope envelope) {

    public String app() {
        return envelope.app();
    }

    public JsonNode payload() {
        return envelope.payload();
    }

    public String connectionId() {
        return envelope.connectionId();
    }

    public Address.Connection connection() {
        return new Address.Connection(envelope.app(), envelope.nodeId(), envelope.connectionId());
    }
}
