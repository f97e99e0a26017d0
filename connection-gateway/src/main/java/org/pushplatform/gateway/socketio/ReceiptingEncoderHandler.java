package org.pushplatform.gateway.socketio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.WeakHashMap;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.EncoderHandler;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * The library's encoder (with {@link LosslessPacketEncoder}), with receipts that hold: a packet queued on a Socket.IO
 * session counts as written only once the websocket frames or the poll response carrying it have been written to
 * the client's socket, and never if that failed (the socket closed meanwhile), so a stored delivery stays pending for
 * the next connection.
 * <p>
 * The library's websocket write reports success whatever became of its frames, and a write finding the queue
 * already emptied by an earlier one succeeds at once. So each websocket write of the library is watched as it
 * happens on the event loop: the packets it encodes and the frames it writes (they come back through this handler);
 * its packets are received once all its frames are written. Poll responses carry the write's own promise; the
 * packets one took are those no longer ahead of the queue's head.
 */
@ChannelHandler.Sharable
final class ReceiptingEncoderHandler extends EncoderHandler {

    /** The websocket write the library is doing on this event loop thread, if any. */
    private static final ThreadLocal<WebsocketWrite> WATCHED = new ThreadLocal<>();

    /** Weak keys: a packet never sent (its session closed) takes its receipt with it. Packets compare by identity. */
    private final Map<Packet, Runnable> receipts = Collections.synchronizedMap(new WeakHashMap<>());

    ReceiptingEncoderHandler(Configuration configuration) throws IOException {
        super(configuration, new WatchedEncoder(configuration));
    }

    /** Runs {@code onWritten} once the packet, about to be queued on its session, has been written to the client. */
    void onWritten(Packet packet, Runnable onWritten) {
        receipts.put(packet, onWritten);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        WebsocketWrite watched = WATCHED.get();
        if (message instanceof WebSocketFrame && watched != null) {
            watched.frames.add(promise);
            super.write(ctx, message, promise);
        } else if (!(message instanceof OutPacketMessage out) || out.getClientHead() == null) {
            super.write(ctx, message, promise);
        } else if (out.getTransport() == Transport.WEBSOCKET) {
            writeWatched(ctx, out, promise);
        } else {
            writePollResponse(ctx, out, promise);
        }
    }

    private void writeWatched(ChannelHandlerContext ctx, OutPacketMessage out, ChannelPromise promise) throws Exception {
        WebsocketWrite write = new WebsocketWrite();
        writeAs(write, ctx, out, promise);
        List<Runnable> carried = receiptsOf(write.packets);
        if (carried.isEmpty()) {
            return;
        }
        PromiseCombiner frames = new PromiseCombiner(ctx.executor());
        write.frames.forEach(frames::add);
        ChannelPromise allWritten = ctx.newPromise();
        frames.finish(allWritten);
        runOnSuccess(allWritten, carried);
    }

    private void writePollResponse(ChannelHandlerContext ctx, OutPacketMessage out, ChannelPromise promise) throws Exception {
        Queue<Packet> queue = out.getClientHead().getPacketsQueue(out.getTransport());
        List<Packet> before = receipts.isEmpty() ? List.of() : new ArrayList<>(queue);
        // the library's response takes what it carries off the head of the queue (and is no websocket write's)
        writeAs(null, ctx, out, promise);
        List<Runnable> carried = receiptsOf(before.subList(0, takenFrom(before, queue.peek())));
        if (!carried.isEmpty()) {
            runOnSuccess(promise, carried);
        }
    }

    /** The library's write of {@code out}, watched as {@code write} (none: by no write), whatever was watched before. */
    private void writeAs(WebsocketWrite write, ChannelHandlerContext ctx, OutPacketMessage out, ChannelPromise promise)
        throws Exception {
        WebsocketWrite outer = WATCHED.get();
        WATCHED.set(write);
        try {
            super.write(ctx, out, promise);
        } finally {
            WATCHED.set(outer);
        }
    }

    private List<Runnable> receiptsOf(List<Packet> packets) {
        List<Runnable> carried = new ArrayList<>();
        for (Packet packet : packets) {
            Runnable receipt = receipts.remove(packet);
            if (receipt != null) {
                carried.add(receipt);
            }
        }
        return carried;
    }

    private static void runOnSuccess(ChannelFuture written, List<Runnable> receipts) {
        written.addListener((Future<? super Void> done) -> {
            if (done.isSuccess()) {
                receipts.forEach(Runnable::run);
            }
        });
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

    /** The packets one websocket write of the library encoded and the writes of the frames it made of them. */
    private static final class WebsocketWrite {
        final List<Packet> packets = new ArrayList<>();
        final List<ChannelFuture> frames = new ArrayList<>();
    }

    /** Tells the watched websocket write of this thread which packets it encodes. */
    private static final class WatchedEncoder extends LosslessPacketEncoder {

        WatchedEncoder(Configuration configuration) {
            super(configuration, configuration.getJsonSupport());
        }

        @Override
        public void encodePacket(Packet packet, ByteBuf buffer, ByteBufAllocator allocator, boolean binary) throws IOException {
            WebsocketWrite watched = WATCHED.get();
            if (watched != null) {
                watched.packets.add(packet);
            }
            super.encodePacket(packet, buffer, allocator, binary);
        }
    }
}
