package org.pushplatform.gateway.socketio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;

import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * A packet queued on an Engine.IO session (no poll waiting for it) is received only once the poll response carrying it
 * has been written to the client: its callback runs then, and never if the session ends first (so a stored delivery
 * stays pending for the next connection). Sits right after the library's encoder: it sees each write of a session's
 * queue, lets the encoder take packets off it, and hangs the callbacks of those taken on that write.
 */
@ChannelHandler.Sharable
final class PollResponseReceipts extends ChannelOutboundHandlerAdapter {

    /** Weak keys: a packet never sent (its session closed) takes its callback with it. Packets compare by identity. */
    private final Map<Packet, Runnable> waiting = Collections.synchronizedMap(new WeakHashMap<>());

    /** Runs {@code onWritten} once the packet, queued for the session's next poll, has been written to the client. */
    void onWritten(Packet packet, Runnable onWritten) {
        waiting.put(packet, onWritten);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        Queue<Packet> queue = message instanceof OutPacketMessage out && out.getClientHead() != null && !waiting.isEmpty()
            ? out.getClientHead().getPacketsQueue(out.getTransport()) : null;
        if (queue == null) {
            ctx.write(message, promise);
            return;
        }
        List<Packet> before = new ArrayList<>(queue);
        // the encoder, next in line, takes what this response carries off the head of the queue
        ctx.write(message, promise);
        int taken = takenFrom(before, queue.peek());
        List<Runnable> carried = new ArrayList<>();
        for (Packet packet : before.subList(0, taken)) {
            Runnable callback = waiting.remove(packet);
            if (callback != null) {
                carried.add(callback);
            }
        }
        if (!carried.isEmpty()) {
            promise.addListener(written -> {
                if (written.isSuccess()) {
                    carried.forEach(Runnable::run);
                }
            });
        }
    }

    /** How many of the packets queued before were taken: those ahead of what heads the queue now. */
    private static int takenFrom(List<Packet> before, Packet head) {
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) == head) {
                return i;
            }
        }
        return before.size();
    }
}
