package org.pushplatform.device.commands;

/** The states of a command, as ThingsBoard's persistent RPC names them. */
public enum CommandState {
    /** Waiting for its device to be online, or for a free place in its device's window. */
    QUEUED,
    /** Sent to the device's connection; its ack is awaited. */
    SENT,
    /** Acked. */
    DELIVERED,
    /** Acked with a result (a status, a face count). */
    SUCCESSFUL,
    /** Not acked in time, on every attempt it had. */
    TIMEOUT,
    /** Its time to live ended before it was acked. */
    EXPIRED,
    /** It cannot be carried out: replaced by a newer one while queued, refused by the device or the core. */
    FAILED;

    public boolean isFinal() {
        return this != QUEUED && this != SENT;
    }
}
