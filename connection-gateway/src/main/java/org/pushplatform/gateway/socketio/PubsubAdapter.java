package org.pushplatform.gateway.socketio;

import java.util.UUID;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.PubsubEvents;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Turns pubsub Socket.IO traffic into envelopes for routing: connect and disconnect become lifecycle records,
 * each seed event a frame record carrying its first argument. Runs on Netty threads and never blocks.
 */
@ApplicationScoped
public class PubsubAdapter {

    private static final Logger LOG = Logger.getLogger(PubsubAdapter.class);
    private static final String LIMITER = "push.limiter";
    private static final JsonNode CONNECT_ACK = JsonNodeFactory.instance.objectNode().put("msg", "socket.io connected");

    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final GatewayConfig.Pubsub config;
    private final Counter framesIn;
    private final Counter framesDropped;
    private final Counter floodDisconnects;

    public PubsubAdapter(InboundPublisher publisher, LocalConnections connections, GatewayConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.connections = connections;
        this.config = config.gateway().pubsub();
        this.framesIn = metrics.counter("push_gateway_frames_total", "api", "pubsub", "outcome", "forwarded");
        this.framesDropped = metrics.counter("push_gateway_frames_total", "api", "pubsub", "outcome", "rate-limited");
        this.floodDisconnects = metrics.counter("push_gateway_disconnects_total", "api", "pubsub", "reason", "flood");
        metrics.gauge("push_gateway_connections", connections, LocalConnections::size);
    }

    void register(SocketIOServer server) {
        server.addConnectListener(this::onConnect);
        server.addDisconnectListener(this::onDisconnect);
        for (String event : PubsubEvents.CLIENT_EVENTS) {
            server.addEventListener(event, JsonNode.class, (client, data, ack) -> onFrame(event, client, data));
        }
    }

    private void onConnect(SocketIOClient client) {
        String connectionId = connectionId(client);
        client.set(LIMITER, new FrameRateLimiter(config.framesPerSecond()));
        LocalConnection connection = connections.getOrAdd(connectionId, () -> new SocketIoClientSink(client));
        var opened = new ConnectionOpened("pubsub", client.getTransport().getValue(), String.valueOf(client.getRemoteAddress()));
        publisher.publish(EnvelopeTypes.CONNECTION_OPENED, connection, EnvelopeCodec.toJson(opened));
        client.sendEvent("socketconnectack", CONNECT_ACK);
        LOG.debugf("[%s] connected from %s over %s", connectionId, opened.remoteAddress(), opened.transport());
    }

    private void onDisconnect(SocketIOClient client) {
        String connectionId = connectionId(client);
        LocalConnection connection = connections.get(connectionId);
        if (connection == null) {
            return;
        }
        connections.remove(connectionId);
        publisher.publish(EnvelopeTypes.CONNECTION_CLOSED, connection, null);
        LOG.debugf("[%s] disconnected", connectionId);
    }

    private void onFrame(String event, SocketIOClient client, JsonNode data) {
        FrameRateLimiter limiter = client.get(LIMITER);
        if (limiter != null && !limiter.tryAcquire()) {
            framesDropped.increment();
            if (limiter.dropped() == config.floodDisconnectAfter()) {
                floodDisconnects.increment();
                LOG.warnf("[%s] disconnected: more than %d frames/s", connectionId(client), config.framesPerSecond());
                client.disconnect();
            }
            return;
        }
        // with polling, a frame's POST may be handled on another event loop before the connect listener has run
        LocalConnection connection = connections.getOrAdd(connectionId(client), () -> new SocketIoClientSink(client));
        framesIn.increment();
        JsonNode payload = data;
        if (event.equals("connect_v2")) {
            payload = SessionKeyOfConnect.withCustomid(data);
            String sessionKey = SessionKeyOfConnect.of(payload);
            boolean hadSession = connection.hasSession();
            String previous = connection.useRoutingKey(sessionKey == null ? connection.connectionId() : sessionKey);
            if (hadSession && !previous.equals(connection.routingKey())) {
                // the connection leaves its earlier session: that session's owner must hear it
                publisher.publish(EnvelopeTypes.CONNECTION_CLOSED, previous, connection.connectionId(), UUID.randomUUID().toString(), null);
            }
        }
        publisher.publish(EnvelopeTypes.pubsubFrame(event), connection, payload);
    }

    static String connectionId(SocketIOClient client) {
        return client.getSessionId().toString();
    }
}
