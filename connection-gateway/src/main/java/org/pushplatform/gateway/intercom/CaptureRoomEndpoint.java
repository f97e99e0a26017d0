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

/**
 * {@code /{r}/{d}}: a one-to-many capture room; door and wall units (d = 0) reach every phone (d = 1), and back.
 * WebSockets Next binds one class to one path: this and {@link CallRoomEndpoint} only hand over to
 * {@link IntercomMembers}.
 */
@WebSocket(path = "/{r}/{d}")
public class CaptureRoomEndpoint {

    private final IntercomMembers members;

    public CaptureRoomEndpoint(IntercomMembers members) {
        this.members = members;
    }

    @OnOpen
    void open(WebSocketConnection socket) {
        members.opened(socket, IntercomRoom.CAPTURE);
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
