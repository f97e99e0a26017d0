package org.pushplatform.gateway.socketio;

import java.util.List;

import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.gateway.session.ClientSink;

/** Writes deliveries to one Socket.IO client as events with their arguments. */
final class SocketIoClientSink implements ClientSink {

    private final SocketIOClient client;

    SocketIoClientSink(SocketIOClient client) {
        this.client = client;
    }

    @Override
    public void emit(String event, List<JsonNode> args) {
        client.sendEvent(event, args.toArray());
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
