package org.pushplatform.gateway.tcp;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.messaging.NodeIdClaim;
import org.pushplatform.gateway.node.ClientSocketStart;
import org.pushplatform.gateway.node.NettyServers;
import org.pushplatform.gateway.node.NodeEndpoints;
import org.pushplatform.gateway.session.ListenerCounters;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Starts one Netty TCP server per section of {@code push.gateway.tcp.<name>}: Netty's line decoder (a line over the
 * limit is cut and its rest dropped up to the newline), an idle timer, write-buffer water marks bounding what waits
 * for a slow client, and a {@link TcpFrameHandler} per connection.
 */
@ApplicationScoped
public class TcpListeners {

    private static final Logger LOG = Logger.getLogger(TcpListeners.class);

    private final GatewayConfig config;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final NodeEndpoints endpoints;
    private final ClientSocketStart socketStart;
    private NettyServers servers;

    public TcpListeners(GatewayConfig config, InboundPublisher publisher, LocalConnections connections, MeterRegistry metrics,
                        NodeEndpoints endpoints, ClientSocketStart socketStart) {
        this.socketStart = socketStart;
        this.endpoints = endpoints;
        this.config = config;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** After the node id is claimed ({@link NodeIdClaim} observes the start first), like the Socket.IO listeners. */
    void onStart(@Observes StartupEvent event) throws InterruptedException {
        var listeners = config.gateway().tcp().entrySet().stream().filter(e -> e.getValue().enabled()).toList();
        if (listeners.isEmpty()) {
            return;
        }
        servers = new NettyServers(socketStart);
        for (var entry : listeners) {
            GatewayConfig.TcpListener listener = entry.getValue();
            ListenerCounters counters = new ListenerCounters(listener.api(), metrics);
            int port = servers.bind(listener.port(), listener.maxOutboundBytes(), listener.tls(), pipeline -> pipeline
                .addLast(new IdleStateHandler((int) listener.idleTimeout().toSeconds(), 0, 0))
                .addLast(new LineBasedFrameDecoder(listener.maxLineBytes(), true, true))
                .addLast(new TcpFrameHandler(listener, publisher, connections, counters)));
            endpoints.listening("tcp." + listener.api(), port);
            LOG.infof("[%s] %s TCP (%s) listening on port %d%s for app %s", config.nodeId(), listener.api(), entry.getKey(), port,
                listener.tls() ? " (TLS)" : "",
                listener.app());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (servers != null) {
            servers.close();
        }
    }
}
