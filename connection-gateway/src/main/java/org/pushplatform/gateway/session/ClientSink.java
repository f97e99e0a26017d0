package org.pushplatform.gateway.session;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a delivery is written for one connection; each protocol adapter knows its own wire format. */
public interface ClientSink {

    /**
     * Writes one event.
     *
     * @param onWritten null, or run once the event is on its way to the client (see the README's "received")
     */
    void emit(String event, List<JsonNode> args, Runnable onWritten);

    void close();
}
