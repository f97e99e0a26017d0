package org.pushplatform.gateway.intercom;

import java.util.Base64;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes to one intercom WebSocket: a relayed {@code {text}} as a text frame, {@code {binary: base64}} as a binary
 * frame, byte for byte what the other side sent; anything else (an error reply) as its JSON text. A refused join
 * ({@code intercom_join_c}) closes the socket after its error.
 */
final class IntercomSink implements ClientSink {

    static final String RELAYED = "intercom";
    static final String JOIN_REFUSED = "intercom_join_c";

    private final WebSocketConnection socket;

    IntercomSink(WebSocketConnection socket) {
        this.socket = socket;
    }

    @Override
    public void emit(OutboundEvent event, Runnable onWritten) {
        if (event.args().isEmpty()) {
            return;
        }
        JsonNode frame = event.args().get(0);
        Uni<Void> sent;
        if (RELAYED.equals(event.name()) && frame.path("binary").isTextual()) {
            byte[] bytes = event.encoded(IntercomSink.class, e -> Base64.getDecoder().decode(e.args().get(0).get("binary").asText()));
            sent = socket.sendBinary(Buffer.buffer(bytes));
        } else if (RELAYED.equals(event.name()) && frame.path("text").isTextual()) {
            sent = socket.sendText(frame.get("text").asText());
        } else {
            sent = socket.sendText(frame.toString());
        }
        if (JOIN_REFUSED.equals(event.name())) {
            sent = sent.onTermination().call(() -> socket.close());
        }
        sent.subscribe().with(written -> {
            if (onWritten != null) {
                onWritten.run();
            }
        }, failure -> {
            // the socket is gone: its close handler tells routing
        });
    }

    @Override
    public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        throw new UnsupportedOperationException("intercom deliveries are QoS 0");
    }

    @Override
    public void close() {
        socket.close().subscribe().with(done -> { }, failure -> { });
    }
}
