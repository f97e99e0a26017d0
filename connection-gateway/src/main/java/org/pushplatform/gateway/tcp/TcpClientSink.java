package org.pushplatform.gateway.tcp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes deliveries to one TCP client as JSON lines: an event's first argument is the frame (the event name is
 * Socket.IO's business), encoded once for every TCP connection it goes to. A frame that asks for the client's ack
 * carries a message id {@code mid}; the client's {@code {t:-5, mid}} acks it.
 */
final class TcpClientSink implements ClientSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pushes awaiting their ack; past this many the oldest is given up (its timeout reports it). */
    private static final int AWAITED_ACKS = 1024;

    private record Awaited(Consumer<JsonNode> onAck, ScheduledFuture<?> timeout) {
    }

    private final Channel channel;
    private final Map<String, Awaited> awaited = new LinkedHashMap<>();

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
        String mid = event.args().isEmpty() ? "" : event.args().get(0).path("mid").asText("");
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
            if (take(mid) != null) {
                onTimeout.run();
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        synchronized (awaited) {
            Awaited previous = awaited.put(mid, new Awaited(onAck, timeout));
            if (previous != null) {
                previous.timeout().cancel(false);
            }
            if (awaited.size() > AWAITED_ACKS) {
                var eldest = awaited.entrySet().iterator().next();
                awaited.remove(eldest.getKey());
                eldest.getValue().timeout().cancel(false);
            }
        }
        emit(event, null);
    }

    /** The client acked {@code mid}. @return false when no push with that id awaited its ack */
    boolean acked(String mid) {
        Awaited ack = take(mid);
        if (ack == null) {
            return false;
        }
        ack.timeout().cancel(false);
        ack.onAck().accept(null);
        return true;
    }

    private Awaited take(String mid) {
        synchronized (awaited) {
            return awaited.remove(mid);
        }
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
