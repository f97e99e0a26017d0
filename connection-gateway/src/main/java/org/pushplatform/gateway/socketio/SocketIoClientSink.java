package org.pushplatform.gateway.socketio;

import java.util.List;
import java.util.function.Consumer;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelFuture;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes deliveries to one Socket.IO client as events with their arguments. An event counts as written when its
 * websocket frame or poll response is flushed to the client's TCP connection: for a polling client with no poll
 * waiting, when the next poll's response carrying it is (never, if the session ends first).
 */
final class SocketIoClientSink implements ClientSink {

    private final SocketIOClient client;
    private final OutboundBudget budget;
    private final PollResponseReceipts pollResponses;

    SocketIoClientSink(SocketIOClient client, OutboundBudget budget, PollResponseReceipts pollResponses) {
        this.client = client;
        this.budget = budget;
        this.pollResponses = pollResponses;
    }

    @Override
    public boolean congested() {
        return client instanceof NamespaceClient namespaceClient && budget.exhausted(namespaceClient.getBaseClient());
    }

    @Override
    public void emit(OutboundEvent event, Runnable onWritten) {
        List<Object> args = SocketIoEventArgs.of(event);
        if (onWritten == null || !(client instanceof NamespaceClient namespaceClient)) {
            client.sendEvent(event.name(), args.toArray());
            return;
        }
        var base = namespaceClient.getBaseClient();
        if (!base.isConnected()) {
            return;
        }
        // the library's sendEvent, but keeping the write's future
        Packet packet = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
        packet.setSubType(PacketType.EVENT);
        packet.setName(event.name());
        packet.setData(args);
        Packet toSend = packet.withNsp(client.getNamespace().getName(), base.getEngineIOVersion());
        if (base.getCurrentTransport() == Transport.POLLING) {
            // written when the poll response carrying it is: now, if a poll waits, else on the next one (or never)
            pollResponses.onWritten(toSend, onWritten);
            base.send(toSend);
            return;
        }
        ChannelFuture written = base.send(toSend);
        // null: queued for a channel the client does not have (any more): not written, so no receipt; what was stored
        // stays stored, and what a device was sent stays pending for its next connection
        if (written != null) {
            written.addListener(future -> {
                if (future.isSuccess()) {
                    onWritten.run();
                }
            });
        }
    }

    @Override
    public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        int timeoutSeconds = (int) Math.max(1, (timeoutMs + 999) / 1000);
        client.sendEvent(event.name(), new AckCallback<>(JsonNode.class, timeoutSeconds) {
            @Override
            public void onSuccess(JsonNode result) {
                onAck.accept(result);
            }

            @Override
            public void onTimeout() {
                onTimeout.run();
            }
        }, SocketIoEventArgs.of(event).toArray());
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
