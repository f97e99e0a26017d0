package org.pushplatform.gateway.socketio;

import java.nio.charset.StandardCharsets;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import io.netty.buffer.ByteBuf;

/**
 * What a client sent in one websocket frame or polling POST, read from Engine.IO's framing alone, before
 * netty-socketio decodes it: how many packets, and whether any is binary (a Socket.IO binary event or ack, whose
 * attachments the library would buffer, or a binary attachment itself).
 *
 * @param count  packets in it
 * @param binary whether any of them is binary
 */
record EnginePackets(int count, boolean binary) {

    private static final char EIO4_SEPARATOR = '\u001e';

    static EnginePackets of(ByteBuf content, EngineIOVersion version, Transport transport) {
        if (!content.isReadable()) {
            return new EnginePackets(0, false);
        }
        byte first = content.getByte(content.readerIndex());
        if (first < '0' || first > '9') {
            // a websocket binary frame, a base64 attachment ('b'), or EIO 3's binary polling payload (0x00 / 0x01)
            return new EnginePackets(1, true);
        }
        if (transport == Transport.WEBSOCKET) {
            // one packet per frame: its first two bytes tell, no need to decode the whole frame
            int at = content.readerIndex();
            return new EnginePackets(1, content.readableBytes() >= 2 && isBinaryHeader((char) first, (char) content.getByte(at + 1)));
        }
        String text = content.toString(StandardCharsets.UTF_8);
        return version == EngineIOVersion.V3 ? ofEio3Payload(text) : ofEio4Payload(text);
    }

    /** EIO 4 polling: packets separated by the record separator. */
    private static EnginePackets ofEio4Payload(String text) {
        int count = 0;
        boolean binary = false;
        for (String packet : text.split(String.valueOf(EIO4_SEPARATOR), -1)) {
            count++;
            binary |= packet.startsWith("b") || isBinaryHeader(packet);
        }
        return new EnginePackets(count, binary);
    }

    /** EIO 3 polling: each packet as {@code <length>:<packet>}; anything else counts as one malformed packet. */
    private static EnginePackets ofEio3Payload(String text) {
        int count = 0;
        boolean binary = false;
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            int length;
            try {
                length = colon < 0 ? -1 : Integer.parseInt(text, at, colon, 10);
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || colon + 1 + length > text.length()) {
                return new EnginePackets(count + 1, binary);
            }
            String packet = text.substring(colon + 1, colon + 1 + length);
            count++;
            binary |= packet.startsWith("b") || isBinaryHeader(packet);
            at = colon + 1 + length;
        }
        return new EnginePackets(count, binary);
    }

    /** Engine.IO message (4) carrying a Socket.IO binary event (5) or binary ack (6). */
    private static boolean isBinaryHeader(String packet) {
        return packet.length() >= 2 && isBinaryHeader(packet.charAt(0), packet.charAt(1));
    }

    private static boolean isBinaryHeader(char engineType, char socketType) {
        return engineType == '4' && (socketType == '5' || socketType == '6');
    }
}
