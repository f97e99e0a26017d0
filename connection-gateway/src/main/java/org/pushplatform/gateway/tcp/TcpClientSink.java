package org.pushplatform.gateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes deliveries to one TCP client as JSON lines: an event's first argument is the frame (the event name is
 * Socket.IO's business), encoded once for every TCP connection it goes to. Acks are {@link ProtocolAckSink}'s.
 */
final class TcpClientSink implements ClientSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;

    TcpClientSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void emit(OutboundEvent event, Runnable onWritten) {
        byte[] line = event.encoded(TcpClientSink.class, TcpClientSink::line);
        if (line.length == 0) {
            return;
        }
        var written = channel.writeAndFlush(Unpooled.wrappedBuffer(line));
        if (onWritten != null) {
            written.addListener(future -> {
                if (future.isSuccess()) {
                    onWritten.run();
                }
            });
        }
    }

    @Override
    public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        throw new UnsupportedOperationException("push-server acks are protocol frames: wrap this sink in a ProtocolAckSink");
    }

    @Override
    public boolean congested() {
        return !channel.isWritable();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Writes a frame the gateway answers itself (an error). */
    void reply(JsonNode frame) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes(frame)));
    }

    private static byte[] line(OutboundEvent event) {
        return event.args().isEmpty() ? new byte[0] : bytes(event.args().get(0));
    }

    private static byte[] bytes(JsonNode frame) {
        try {
            return (JSON.writeValueAsString(frame) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a frame that is not JSON", e);
        }
    }
}
