package org.pushplatform.gateway.session;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a delivery is written for one connection; each protocol adapter knows its own wire format. */
public interface ClientSink {

    /**
     * Writes one event.
     *
     * @param onWritten null, or run once the event is on its way to the client (see the README's "received")
     */
    void emit(String event, List<JsonNode> args, Runnable onWritten);

    /**
     * Writes one event that asks the client to ack it (a Socket.IO ack callback).
     *
     * @param onAck     run with the client's ack payload (null when it acked with none)
     * @param onTimeout run when no ack came within {@code timeoutMs}
     */
    void emitWithAck(String event, List<JsonNode> args, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout);

    void close();
}
