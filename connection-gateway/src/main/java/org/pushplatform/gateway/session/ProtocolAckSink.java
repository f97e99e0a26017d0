package org.pushplatform.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A sink for APIs whose clients ack a delivery with a frame of their own naming its message id (push-server's
 * {@code {t:-5, mid}}), not with a Socket.IO ack callback: a delivery that asks for the client's ack carries
 * {@code mid} in its first argument and waits here until {@link #acked} or its timeout.
 */
public final class ProtocolAckSink implements ClientSink {

    /** Deliveries awaiting their ack; past this many the oldest is given up (its timeout still reports it). */
    private static final int AWAITED = 1024;

    private record Awaited(Consumer<JsonNode> onAck, ScheduledFuture<?> timeout) {
    }

    private final ClientSink writer;
    private final ScheduledExecutorService timers;
    private final Map<String, Awaited> awaited = new LinkedHashMap<>();

    /** @param timers where ack timeouts run (the connection's event loop) */
    public ProtocolAckSink(ClientSink writer, ScheduledExecutorService timers) {
        this.writer = writer;
        this.timers = timers;
    }

    @Override
    public void emit(OutboundEvent event, Runnable onWritten) {
        writer.emit(event, onWritten);
    }

    @Override
    public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        String mid = event.args().isEmpty() ? "" : event.args().get(0).path("mid").asText("");
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            if (take(mid) != null) {
                onTimeout.run();
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        synchronized (awaited) {
            Awaited previous = awaited.put(mid, new Awaited(onAck, timeout));
            if (previous != null) {
                previous.timeout().cancel(false);
            }
            if (awaited.size() > AWAITED) {
                awaited.remove(awaited.keySet().iterator().next());
            }
        }
        writer.emit(event, null);
    }

    /** The client acked {@code mid}. @return false when no delivery with that id waits for its ack here */
    public boolean acked(String mid) {
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
        return writer.congested();
    }

    @Override
    public void close() {
        writer.close();
    }
}
