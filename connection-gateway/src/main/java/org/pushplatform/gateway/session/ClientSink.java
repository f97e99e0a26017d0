package org.pushplatform.gateway.session;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a delivery is written for one connection; each protocol adapter knows its own wire format, and encodes an
 * {@link OutboundEvent} in it once for all its connections.
 */
public interface ClientSink {

    /**
     * Writes one event.
     *
     * @param onWritten null, or run once the event is on its way to the client (see the README's "received")
     */
    void emit(OutboundEvent event, Runnable onWritten);

    /**
     * Writes one event that asks the client to ack it (a Socket.IO ack callback).
     *
     * @param onAck     run with the client's ack payload (null when it acked with none)
     * @param onTimeout run when no ack came within {@code timeoutMs}
     */
    void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout);

    /**
     * True while more than the connection's outbound budget waits to be written to the client (one that reads
     * slowly or not at all): nothing more may be buffered for it.
     */
    default boolean congested() {
        return false;
    }

    void close();
}
