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
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * The library's encoder, with receipts that hold: a packet queued on a Socket.IO session counts as written only once
 * the websocket frame or the poll response carrying it has been written to the client's socket, and never if that
 * failed (the socket closed meanwhile), so a stored delivery stays pending for the next connection.
 * <p>
 * The library's own websocket write reports success whatever became of its frames, and a write finding the queue
 * already emptied by an earlier one succeeds at once; so websocket writes are done here, each packet's receipt hung
 * on its own last frame. Poll responses are the library's: its response carries the write's promise, and the packets
 * it took are those no longer ahead of the queue's head.
 */
@ChannelHandler.Sharable
final class ReceiptingEncoderHandler extends EncoderHandler {

    /** The library's size past which a text packet goes out as continuation frames of this size. */
    private static final int FRAGMENT_BYTES = 8192;

    private final PacketEncoder encoder;
    private final int maxFramePayloadLength;
    /** Weak keys: a packet never sent (its session closed) takes its receipt with it. Packets compare by identity. */
    private final Map<Packet, Runnable> receipts = Collections.synchronizedMap(new WeakHashMap<>());

    ReceiptingEncoderHandler(Configuration configuration, PacketEncoder encoder) throws IOException {
        super(configuration, encoder);
        this.encoder = encoder;
        this.maxFramePayloadLength = configuration.getMaxFramePayloadLength();
    }

    /** Runs {@code onWritten} once the packet, about to be queued on its session, has been written to the client. */
    void onWritten(Packet packet, Runnable onWritten) {
        receipts.put(packet, onWritten);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        if (!(message instanceof OutPacketMessage out) || out.getClientHead() == null) {
            super.write(ctx, message, promise);
        } else if (out.getTransport() == Transport.WEBSOCKET) {
            writeFrames(ctx, out.getClientHead().getPacketsQueue(Transport.WEBSOCKET), promise);
        } else {
            writePollResponse(ctx, out, promise);
        }
    }

    /** Every packet queued, a frame each (fragmented and with attachments as the library does), flushed once. */
    private void writeFrames(ChannelHandlerContext ctx, Queue<Packet> queue, ChannelPromise promise) throws IOException {
        PromiseCombiner all = new PromiseCombiner(ctx.executor());
        for (Packet packet = queue.poll(); packet != null; packet = queue.poll()) {
            ChannelFuture last = writeFrames(ctx, packet);
            if (last == null) {
                continue;
            }
            all.add(last);
            Runnable receipt = receipts.remove(packet);
            if (receipt != null) {
                last.addListener(written -> {
                    if (written.isSuccess()) {
                        receipt.run();
                    }
                });
            }
        }
        ctx.flush();
        all.finish(promise);
    }

    /** @return the write of the packet's last frame (each frame is written after the one before), null if it had none */
    private ChannelFuture writeFrames(ChannelHandlerContext ctx, Packet packet) throws IOException {
        ByteBuf text = encoder.allocateBuffer(ctx.alloc());
        encoder.encodePacket(packet, text, ctx.alloc(), true);
        ChannelFuture last = null;
        if (text.readableBytes() > maxFramePayloadLength) {
            last = ctx.write(new TextWebSocketFrame(false, 0, text.readRetainedSlice(FRAGMENT_BYTES)));
            while (text.isReadable()) {
                ByteBuf fragment = text.readRetainedSlice(Math.min(text.readableBytes(), FRAGMENT_BYTES));
                last = ctx.write(new ContinuationWebSocketFrame(!text.isReadable(), 0, fragment));
            }
            text.release();
        } else if (text.isReadable()) {
            last = ctx.write(new TextWebSocketFrame(text));
        } else {
            text.release();
        }
        for (ByteBuf attachment : packet.getAttachments()) {
            ByteBuf binary = encoder.allocateBuffer(ctx.alloc());
            binary.writeByte(4);
            binary.writeBytes(attachment);
            last = ctx.write(new BinaryWebSocketFrame(binary));
        }
        return last;
    }

    private void writePollResponse(ChannelHandlerContext ctx, OutPacketMessage out, ChannelPromise promise) throws Exception {
        Queue<Packet> queue = out.getClientHead().getPacketsQueue(out.getTransport());
        List<Packet> before = receipts.isEmpty() ? List.of() : new ArrayList<>(queue);
        // the library's response takes what it carries off the head of the queue
        super.write(ctx, out, promise);
        List<Runnable> carried = new ArrayList<>();
        for (Packet packet : before.subList(0, takenFrom(before, queue.peek()))) {
            Runnable receipt = receipts.remove(packet);
            if (receipt != null) {
                carried.add(receipt);
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
