package org.pushplatform.gateway.socketio;

import java.util.List;
import java.util.function.Consumer;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes deliveries to one Socket.IO client as events with their arguments. An event counts as written when its
 * websocket frame or poll response has been written to the client's socket: for a polling client with no poll
 * waiting, when the next poll's response carrying it is; never, if the socket or the session ends first
 * ({@link ReceiptingEncoderHandler}).
 */
final class SocketIoClientSink implements ClientSink {

    private final SocketIOClient client;
    private final OutboundBudget budget;
    private final ReceiptingEncoderHandler receipts;

    SocketIoClientSink(SocketIOClient client, OutboundBudget budget, ReceiptingEncoderHandler receipts) {
        this.client = client;
        this.budget = budget;
        this.receipts = receipts;
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
        // the library's sendEvent, with a receipt for the packet
        Packet packet = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
        packet.setSubType(PacketType.EVENT);
        packet.setName(event.name());
        packet.setData(args);
        Packet toSend = packet.withNsp(client.getNamespace().getName(), base.getEngineIOVersion());
        // not written while queued for a channel the client does not have (any more): no receipt then; what was stored
        // stays stored, and what a device was sent stays pending for its next connection
        receipts.onWritten(toSend, onWritten);
        base.send(toSend);
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
