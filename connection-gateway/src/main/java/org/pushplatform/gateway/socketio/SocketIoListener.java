package org.pushplatform.gateway.socketio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.node.ClientSocketStart;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * One Socket.IO listener (Engine.IO 3 and 4 clients on one port and path) serving one API through its
 * {@link SocketIoApiAdapter}: the shared guards and limits, the handshake forwarded with the connection-opened
 * record, each client event forwarded as a frame to the API's service, and a frame's ack callback kept until the
 * service answers it. Runs on Netty threads and never blocks.
 */
final class SocketIoListener {

    private static final Logger LOG = Logger.getLogger(SocketIoListener.class);
    /** Unbound timeouts of every listener: short checks, one thread for all. */
    private static final ScheduledExecutorService UNBOUND_CHECKS = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "socketio-unbound-checks");
        thread.setDaemon(true);
        return thread;
    });

    private final String nodeId;
    private final GatewayConfig.SocketIoListener config;
    private final SocketIoApiAdapter adapter;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final Counter framesIn;
    private final OutboundBudget outboundBudget;
    private final ClientSocketStart socketStart;
    private final EndedSessions endedSessions = new EndedSessions();
    private final Counter lateConnects;
    private SocketIOServer server;
    private GuardedChannelInitializer pipeline;

    SocketIoListener(String nodeId, GatewayConfig.SocketIoListener config, SocketIoApiAdapter adapter, InboundPublisher publisher,
                     LocalConnections connections, MeterRegistry metrics, ClientSocketStart socketStart) {
        this.nodeId = nodeId;
        this.socketStart = socketStart;
        this.config = config;
        this.adapter = adapter;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
        this.framesIn = metrics.counter("push_gateway_frames_total", "api", adapter.api(), "outcome", "forwarded");
        this.outboundBudget = new OutboundBudget(config.maxOutboundBytes());
        this.lateConnects = metrics.counter("push_gateway_disconnects_total", "api", adapter.api(), "reason", "connect-after-disconnect");
    }

    void start() {
        socketStart.check(adapter.api() + " Socket.IO", config.tls());
        Configuration configuration = new Configuration();
        configuration.setHostname("0.0.0.0");
        configuration.setPort(config.port() == 0 ? FreePorts.any() : config.port());
        configuration.setContext(config.path());
        // the library's default lets a client pick its own session id
        configuration.setRandomSession(true);
        // permessage-deflate costs about 85 KB of native memory per connection
        configuration.setWebsocketCompression(false);
        configuration.setMaxFramePayloadLength(config.maxFrameBytes());
        configuration.setMaxHttpContentLength(config.maxFrameBytes());
        configuration.setJsonSupport(new CountingJsonSupport(new JacksonJsonSupport(), adapter.clientEvents(),
            metrics.counter("push_gateway_frames_total", "api", adapter.api(), "outcome", "unknown-event")));
        configuration.setExceptionListener(new CountingExceptionListener(adapter.api(), metrics));
        if (adapter.answersAcks()) {
            // the API's service answers ack callbacks: netty-socketio must not send an empty one when the listener returns
            configuration.setAckMode(AckMode.MANUAL);
        }
        SocketConfig socketConfig = new SocketConfig();
        socketConfig.setReuseAddress(true);
        socketConfig.setTcpNoDelay(true);
        // a websocket whose client reads too slowly turns unwritable past this, and nothing more is buffered for it
        socketConfig.setWriteBufferWaterMarkHigh(config.maxOutboundBytes());
        socketConfig.setWriteBufferWaterMarkLow(config.maxOutboundBytes() / 2);
        configuration.setSocketConfig(socketConfig);
        server = new SocketIOServer(configuration);
        pipeline = new GuardedChannelInitializer((int) config.idleHttpClose().toSeconds(), socketStart, config.tls(),
            new InboundPacketGuard(adapter.api(), config.framesPerSecond(), config.floodDisconnectAfter(), false, metrics));
        server.setPipelineFactory(pipeline);
        server.addConnectListener(this::onConnect);
        server.addDisconnectListener(this::onDisconnect);
        server.addDisconnectListener(client -> pipeline.sessionClosed(client.getSessionId()));
        for (String event : adapter.clientEvents()) {
            server.addEventListener(event, JsonNode.class, (client, data, ack) -> onFrame(event, client, data, ack));
        }
        server.start();
        LOG.infof("[%s] %s Socket.IO listening on port %d, path %s%s", nodeId, adapter.api(), boundPort(), config.path(),
            config.tls() ? " (TLS)" : "");
    }

    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The port actually bound, a free one when the configured one is 0. */
    int boundPort() {
        return server.getConfiguration().getPort();
    }

    String api() {
        return adapter.api();
    }

    private LocalConnection connection(SocketIOClient client) {
        LocalConnection connection = connections.getOrAdd(connectionId(client), adapter.api(), config.service(),
            config.app().orElse(null), () -> adapter.sinkFor(new SocketIoClientSink(client, outboundBudget, pipeline.receipts())));
        if (connection.token() == null) {
            adapter.fromHandshake(connection, client.getHandshakeData().getUrlParams());
        }
        return connection;
    }

    private void onConnect(SocketIOClient client) {
        if (endedSessions.endedAlready(client)) {
            lateConnects.increment();
            LOG.debugf("[%s] a connect after the session's disconnect: ended at once", connectionId(client));
            return;
        }
        LocalConnection connection = connection(client);
        var handshake = client.getHandshakeData();
        Object auth = handshake.getAuthToken();
        var opened = new ConnectionOpened(adapter.api(), client.getTransport().getValue(), String.valueOf(client.getRemoteAddress()),
            handshake.getUrlParams(), auth == null ? null : EnvelopeCodec.toJson(auth));
        publisher.publish(EnvelopeTypes.CONNECTION_OPENED, connection, EnvelopeCodec.toJson(opened));
        adapter.connected(client);
        config.unboundTimeout().ifPresent(timeout -> closeUnlessReachable(connection, timeout));
        LOG.debugf("[%s] connected from %s over %s", connection.connectionId(), opened.remoteAddress(), opened.transport());
    }

    /** Closes the connection unless by then it authenticated or joined a room, counted by reason. */
    private void closeUnlessReachable(LocalConnection connection, Duration timeout) {
        UNBOUND_CHECKS.schedule(() -> {
            if (connections.get(connection.connectionId()) == connection && !connection.reachable() && connection.close()) {
                metrics.counter("push_gateway_disconnects_total", "api", adapter.api(), "reason", "unauthenticated").increment();
                LOG.debugf("[%s] closed: neither authenticated nor in a room after %s", connection.connectionId(), timeout);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onDisconnect(SocketIOClient client) {
        endedSessions.ended(client);
        String connectionId = connectionId(client);
        LocalConnection connection = connections.get(connectionId);
        if (connection == null) {
            return;
        }
        connections.remove(connectionId);
        publisher.closed(connection, connection.routingKey());
        LOG.debugf("[%s] disconnected", connectionId);
    }

    /** A frame of one of the API's events; every packet has passed the {@link InboundPacketGuard} already. */
    private void onFrame(String event, SocketIOClient client, JsonNode data, AckRequest ack) {
        // with polling, a frame's POST may be handled on another event loop before the connect listener has run
        LocalConnection connection = connection(client);
        framesIn.increment();
        JsonNode payload = adapter.beforeForward(event, data, connection,
            (previousKey, c) -> publisher.closed(c, previousKey));
        if (payload == SocketIoApiAdapter.ANSWERED_HERE) {
            return;
        }
        String frameId = publisher.publish(EnvelopeTypes.frame(adapter.api(), event), connection, payload);
        if (frameId != null && ack.isAckRequested()) {
            connection.awaitAnswer(frameId, args -> ack.sendAckData(args.toArray()));
        }
    }

    static String connectionId(SocketIOClient client) {
        return client.getSessionId().toString();
    }

    /** The listener for one config section, or none when it is switched off. */
    static List<SocketIoListener> of(String nodeId, GatewayConfig.SocketIoListener config, SocketIoApiAdapter adapter,
                                     InboundPublisher publisher, LocalConnections connections, MeterRegistry metrics,
                                     ClientSocketStart socketStart) {
        return config.enabled() ? List.of(new SocketIoListener(nodeId, config, adapter, publisher, connections, metrics, socketStart))
            : List.of();
    }
}
