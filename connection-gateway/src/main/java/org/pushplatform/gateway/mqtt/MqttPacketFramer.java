package org.pushplatform.gateway.mqtt;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Cuts the byte stream into whole MQTT packets (fixed header, remaining length, the rest) before Netty's decoder sees
 * them, and refuses a packet over the limit from its header alone. Netty's {@code MqttDecoder} (4.1.133) takes a packet
 * whose variable header is split across TCP reads for one over its limit (its replaying buffer reports a huge size):
 * whole packets never split, so only a packet truly too large is refused. After one, the rest is discarded: the
 * connection is being closed.
 */
final class MqttPacketFramer extends ByteToMessageDecoder {

    /** MQTT's remaining length takes at most four bytes. */
    private static final int MOST_LENGTH_BYTES = 4;

    private final int maxPacketBytes;
    private boolean discarding;

    MqttPacketFramer(int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int length = 0;
        int multiplier = 1;
        int index = 1;
        byte digit;
        do {
            if (index > MOST_LENGTH_BYTES) {
                discard(in);
                throw new CorruptedFrameException("remaining length over " + MOST_LENGTH_BYTES + " bytes");
            }
            if (in.readableBytes() < index + 1) {
                return;
            }
            digit = in.getByte(start + index);
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            index++;
        } while ((digit & 0x80) != 0);
        int packetBytes = index + length;
        if (packetBytes > maxPacketBytes) {
            discard(in);
            throw new TooLongFrameException("a packet of " + packetBytes + " bytes, over " + maxPacketBytes);
        }
        if (in.readableBytes() >= packetBytes) {
            out.add(in.readRetainedSlice(packetBytes));
        }
    }

    private void discard(ByteBuf in) {
        discarding = true;
        in.skipBytes(in.readableBytes());
    }
}
