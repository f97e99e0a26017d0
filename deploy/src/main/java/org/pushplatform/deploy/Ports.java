package org.pushplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds ports: a free one chosen by the kernel, or tells whether a wanted one is free. */
public final class Ports {

    private Ports() {
    }

    /**
     * A free port below the kernel's ephemeral range (Linux: 32768-60999 by default). A port the kernel picks is from
     * that range, where, in the seconds before the service binds it, an outgoing connection of the starting JVMs (to
     * Kafka, to PostgreSQL) may take it as its local port, and the service then fails to start.
     */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = FIRST_CHOSEN + RANDOM.nextInt(CHOSEN_RANGE);
            if (isFree(port)) {
                return port;
            }
        }
        return kernelChosen();
    }

    private static final int FIRST_CHOSEN = 20000;
    private static final int CHOSEN_RANGE = 12000;
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
