package org.pushplatform.contract.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The acknowledgement a delivery asks for.
 *
 * @param mode      none; the gateway's write receipt; or the client's own ack (a Socket.IO ack callback, a protocol ack)
 * @param timeoutMs for {@link Mode#CLIENT}: how long to wait for the client's ack before the outcome is a failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ack(Mode mode, Long timeoutMs) {

    public static final Ack NONE = new Ack(Mode.NONE, null);
    public static final Ack RECEIPT = new Ack(Mode.RECEIPT, null);
    /** Used when a client ack is asked for without a timeout. */
    public static final long DEFAULT_CLIENT_TIMEOUT_MS = 30_000;

    public static Ack client(long timeoutMs) {
        return new Ack(Mode.CLIENT, timeoutMs);
    }

    public long timeoutOrDefault() {
        return timeoutMs == null || timeoutMs <= 0 ? DEFAULT_CLIENT_TIMEOUT_MS : timeoutMs;
    }

    /** What counts as delivered. */
    public enum Mode {
        /** Nothing is reported but failures the core sees itself. */
        NONE,
        /** Delivered when a gateway wrote it to the client's connection. */
        RECEIPT,
        /** Delivered when the client acked it; its ack payload comes with the outcome. */
        CLIENT
    }
}
