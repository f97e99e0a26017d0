package org.pushplatform.gateway.socketio;

import java.util.List;
import java.util.Queue;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * How much may wait to be written to one Socket.IO client. Over websocket that is Netty's outbound buffer, bounded
 * by the channel's write-buffer water marks (set on the listener's sockets); over long-polling it is the library's
 * packet queue for the next poll, measured here by the arguments it holds.
 */
final class OutboundBudget {

    /** Packets other than our events (pings, acks, NOOPs) are small; this stands for each of them. */
    private static final int SMALL_PACKET_BYTES = 64;

    private final long maxBytes;

    /** @param maxBytes the websocket high water mark, and the most a polling client's queue may hold */
    OutboundBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean exhausted(ClientHead client) {
        if (client.getCurrentTransport() == Transport.WEBSOCKET) {
            // false also while the websocket is not bound yet or already closed: nothing can be written then anyway
            return !client.isWritable();
        }
        return exceeds(client.getPacketsQueue(Transport.POLLING), maxBytes);
    }

    /** True when the queued packets carry more than {@code maxBytes}; stops counting as soon as they do. */
    static boolean exceeds(Queue<Packet> queue, long maxBytes) {
        long bytes = 0;
        for (Packet packet : queue) {
            bytes += size(packet);
            if (bytes > maxBytes) {
                return true;
            }
        }
        return false;
    }

    /** Our events carry their arguments encoded once (see {@link SocketIoEventArgs}); their length is the size. */
    private static long size(Packet packet) {
        if (!(packet.getData() instanceof List<?> args)) {
            return SMALL_PACKET_BYTES;
        }
        long bytes = SMALL_PACKET_BYTES;
        for (Object arg : args) {
            bytes += arg instanceof RawValue raw && raw.rawValue() instanceof SerializableString text ? text.charLength() : SMALL_PACKET_BYTES;
        }
        return bytes;
    }
}
