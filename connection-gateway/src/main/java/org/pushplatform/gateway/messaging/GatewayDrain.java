package org.pushplatform.gateway.messaging;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.node.ClientChannels;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * A node being stopped hands its clients to the other nodes without losing what they sent: it refuses new sockets,
 * closes the open ones a slice at a time over the drain period (each flushed first, MQTT 5 clients told to use
 * another server), closes what is not a socket of its own listeners (the intercom WebSockets, Socket.IO sessions
 * between two polls), and waits until every close and every frame the clients sent has reached Kafka. Only then does
 * the node say farewell ({@link HeartbeatPublisher}) and its listeners stop. Stored deliveries are not at stake: a
 * client that reconnects elsewhere gets what it had not acknowledged from storage.
 */
@ApplicationScoped
public class GatewayDrain {

    private static final Logger LOG = Logger.getLogger(GatewayDrain.class);
    private static final long SLICE_MS = 100;

    private final GatewayConfig config;
    private final ClientChannels channels;
    private final LocalConnections connections;
    private final InboundPublisher publisher;

    public GatewayDrain(GatewayConfig config, ClientChannels channels, LocalConnections connections, InboundPublisher publisher) {
        this.config = config;
        this.channels = channels;
        this.connections = connections;
        this.publisher = publisher;
    }

    /** Before the farewell heartbeat, which is sent at {@code PLATFORM_BEFORE + 1}. */
    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        long started = System.currentTimeMillis();
        channels.stopAdmitting();
        int clients = connections.size();
        LOG.infof("[%s] draining: new sockets refused, %d clients closed over %s", config.nodeId(), clients,
            config.gateway().drain().period());
        closeInSlices(channels.snapshot(), config.gateway().drain().period().toMillis());
        connections.closeAll();
        long deadline = System.currentTimeMillis() + config.gateway().drain().grace().toMillis();
        boolean closed = waitFor(() -> connections.size() == 0, deadline);
        boolean sent = waitFor(() -> publisher.inFlightBytes() == 0, deadline);
        LOG.infof("[%s] drained in %d ms: %d of %d clients closed, %s", config.nodeId(), System.currentTimeMillis() - started,
            clients - connections.size(), clients, sent ? "all they sent taken by Kafka"
                : publisher.inFlightBytes() + " bytes they sent not yet taken by Kafka");
        if (!closed) {
            LOG.warnf("[%s] %d clients still open after the drain's grace: closed with the node", config.nodeId(), connections.size());
        }
    }

    /** Closes the sockets in equal slices every {@link #SLICE_MS}, so that their clients do not all reconnect at once. */
    private static void closeInSlices(List<Channel> sockets, long periodMs) {
        long slices = Math.max(1, periodMs / SLICE_MS);
        int perSlice = (int) Math.max(1, (sockets.size() + slices - 1) / slices);
        for (int from = 0; from < sockets.size(); from += perSlice) {
            sockets.subList(from, Math.min(sockets.size(), from + perSlice)).forEach(ClientChannels::closeAsMoving);
            if (from + perSlice < sockets.size() && !pause(SLICE_MS)) {
                return;
            }
        }
    }

    private static boolean waitFor(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() >= deadline || !pause(20)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
