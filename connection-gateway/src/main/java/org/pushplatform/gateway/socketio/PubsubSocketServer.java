package org.pushplatform.gateway.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pushplatform.contract.PubsubEvents;
import org.pushplatform.gateway.config.GatewayConfig;

/** Starts and stops the pubsub Socket.IO listener (Engine.IO 3 and 4 clients on one port). */
@ApplicationScoped
public class PubsubSocketServer {

    private static final Logger LOG = Logger.getLogger(PubsubSocketServer.class);

    private final GatewayConfig config;
    private final PubsubAdapter adapter;
    private final MeterRegistry metrics;
    private SocketIOServer server;

    public PubsubSocketServer(GatewayConfig config, PubsubAdapter adapter, MeterRegistry metrics) {
        this.config = config;
        this.adapter = adapter;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        GatewayConfig.Pubsub pubsub = config.gateway().pubsub();
        Configuration configuration = new Configuration();
        configuration.setHostname("0.0.0.0");
        configuration.setPort(pubsub.port() == 0 ? freePort() : pubsub.port());
        // the library's default lets a client pick its own session id
        configuration.setRandomSession(true);
        // permessage-deflate costs about 85 KB of native memory per connection
        configuration.setWebsocketCompression(false);
        configuration.setMaxFramePayloadLength(pubsub.maxFrameBytes());
        configuration.setMaxHttpContentLength(pubsub.maxFrameBytes());
        configuration.setJsonSupport(new CountingJsonSupport(new JacksonJsonSupport(), PubsubEvents.CLIENT_EVENTS,
            metrics.counter("push_gateway_frames_total", "api", "pubsub", "outcome", "unknown-event")));
        configuration.setExceptionListener(new CountingExceptionListener(metrics));
        SocketConfig socketConfig = new SocketConfig();
        socketConfig.setReuseAddress(true);
        socketConfig.setTcpNoDelay(true);
        configuration.setSocketConfig(socketConfig);
        server = new SocketIOServer(configuration);
        GuardedChannelInitializer pipeline = new GuardedChannelInitializer((int) pubsub.idleHttpClose().toSeconds());
        server.setPipelineFactory(pipeline);
        adapter.register(server);
        server.addDisconnectListener(client -> pipeline.sessionClosed(client.getSessionId()));
        server.start();
        LOG.infof("[%s] pubsub Socket.IO listening on port %d", config.nodeId(), boundPort());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The port actually bound, a free one when the configured one is 0. */
    public int boundPort() {
        return server.getConfiguration().getPort();
    }
}
