package org.pushplatform.gateway.intercom;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import org.pushplatform.contract.IntercomRoom;

/** {@code /{r}/{d}/{device}}: a one-to-one call room; the caller (d = 0, device android or ios) and the callee (d = 1) reach each other. */
@WebSocket(path = "/{r}/{d}/{device}")
public class CallRoomEndpoint {

    private final IntercomMembers members;

    public CallRoomEndpoint(IntercomMembers members) {
        this.members = members;
    }

    @OnOpen
    void open(WebSocketConnection socket) {
        members.opened(socket, IntercomRoom.CALL);
    }

    @OnTextMessage
    void text(WebSocketConnection socket, String text) {
        members.text(socket, text);
    }

    @OnBinaryMessage
    void binary(WebSocketConnection socket, Buffer bytes) {
        members.binary(socket, bytes.getBytes());
    }

    @OnClose
    void close(WebSocketConnection socket) {
        members.closed(socket);
    }

    @OnError
    void error(WebSocketConnection socket, Throwable failure) {
        members.failed(socket, failure);
    }
}
