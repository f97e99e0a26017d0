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
     * Writes one stored delivery that asks the client to ack it; a protocol whose client acks by packet (MQTT) writes
     * one already on its way to this connection only once.
     *
     * @param receiptId the stored delivery's id
     */
    default void emitStoredWithAck(OutboundEvent event, String receiptId, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        emitWithAck(event, timeoutMs, onAck, onTimeout);
    }

    /**
     * True while more than the connection's outbound budget waits to be written to the client (one that reads
     * slowly or not at all): nothing more may be buffered for it.
     */
    default boolean congested() {
        return false;
    }

    void close();

    /** Closes it for a reason its service gave (a protocol may tell the client, as MQTT 5 does with DISCONNECT). */
    default void close(String reason) {
        close();
    }
}
