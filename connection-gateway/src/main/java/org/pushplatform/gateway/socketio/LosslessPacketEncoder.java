package org.pushplatform.gateway.socketio;

import java.io.IOException;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The library's encoder without its packet loss: when more than {@code limit} packets wait for one poll, the
 * library polls the (limit+1)-th packet off the queue and then drops it. Here the queue is shown to the library
 * through a view that ends after {@code limit} packets, so the rest stay queued for the next poll.
 */
class LosslessPacketEncoder extends PacketEncoder {

    LosslessPacketEncoder(Configuration configuration, JsonSupport jsonSupport) {
        super(configuration, jsonSupport);
    }

    @Override
    public void encodePackets(Queue<Packet> packets, ByteBuf buffer, ByteBufAllocator allocator, int limit) throws IOException {
        super.encodePackets(new FirstPackets(packets, limit), buffer, allocator, Integer.MAX_VALUE);
    }

    @Override
    public void encodeJsonP(Integer jsonpIndex, Queue<Packet> packets, ByteBuf out, ByteBufAllocator allocator, int limit)
        throws IOException {
        super.encodeJsonP(jsonpIndex, new FirstPackets(packets, limit), out, allocator, Integer.MAX_VALUE);
    }

    /** A view of a queue whose {@code poll} yields at most {@code limit} packets, then nothing. */
    static final class FirstPackets extends AbstractQueue<Packet> {

        private final Queue<Packet> queue;
        private int remaining;

        FirstPackets(Queue<Packet> queue, int limit) {
            this.queue = queue;
            this.remaining = limit;
        }

        @Override
        public Packet poll() {
            if (remaining <= 0) {
                return null;
            }
            Packet packet = queue.poll();
            if (packet != null) {
                remaining--;
            }
            return packet;
        }

        @Override
        public Packet peek() {
            return remaining <= 0 ? null : queue.peek();
        }

        @Override
        public boolean offer(Packet packet) {
            return queue.offer(packet);
        }

        @Override
        public Iterator<Packet> iterator() {
            return queue.iterator();
        }

        @Override
        public int size() {
            return Math.min(remaining, queue.size());
        }
    }
}
