package org.pushplatform.gateway.socketio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A free port, for listeners configured with port 0 (tests). */
final class FreePorts {

    private FreePorts() {
    }

    static int any() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
