package org.pushplatform.gateway.intercom;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpClosedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.IntercomRoom;
import org.pushplatform.contract.Transports;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.node.ClientChannels;
import org.pushplatform.gateway.push.PushFrameTypes;
import org.pushplatform.gateway.session.FrameRateLimiter;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * The intercom's WebSocket members on this node: each opened socket joins its side of its room (through routing,
 * which checks a {@code ?token=} first), and each frame it sends, text or binary, is relayed to the room's other
 * side. A flood of frames closes the socket; the frame size is bounded by
 * {@code quarkus.websockets-next.server.max-message-size}.
 */
@ApplicationScoped
public class IntercomMembers {

    private static final Logger LOG = Logger.getLogger(IntercomMembers.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "node draining");
    static final String API = PushFrameTypes.API;
    private static final String SERVICE = "routing";

    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final String app;
    private final int framesPerSecond;
    private final int floodDisconnectAfter;
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final ClientChannels channels;

    private record Member(LocalConnection connection, IntercomRoom room, FrameRateLimiter limiter) {
    }

    public IntercomMembers(InboundPublisher publisher, LocalConnections connections, MeterRegistry metrics, GatewayConfig config,
                           ClientChannels channels) {
        this.channels = channels;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
        this.app = config.gateway().intercom().app();
        this.framesPerSecond = config.gateway().intercom().framesPerSecond();
        this.floodDisconnectAfter = config.gateway().intercom().floodDisconnectAfter();
    }

    /** A socket opened on {@code /{r}/{d}} (capture) or {@code /{r}/{d}/{device}} (call). */
    void opened(WebSocketConnection socket, String kind) {
        if (!channels.admitting()) {
            // the node is draining, as its other listeners refuse new sockets
            count("refused-draining");
            socket.close(GOING_AWAY).subscribe().with(done -> { }, failure -> { });
            return;
        }
        IntercomRoom room;
        try {
            room = new IntercomRoom(kind, socket.pathParam("r"), Integer.parseInt(socket.pathParam("d")));
        } catch (IllegalArgumentException e) {
            refuse(socket, "d must be 0 or 1");
            return;
        }
        LocalConnection connection = connections.add(new LocalConnection(socket.id(), API, SERVICE, app, Transports.intercom(kind),
            new IntercomSink(socket)));
        String query = socket.handshakeRequest().query();
        List<String> token = query == null ? List.of()
            : new QueryStringDecoder(query, false).parameters().getOrDefault("token", List.of());
        if (!token.isEmpty() && !connection.useToken(token.get(0))) {
            connections.remove(connection.connectionId());
            refuse(socket, "invalid token");
            return;
        }
        members.put(socket.id(), new Member(connection, room, new FrameRateLimiter(framesPerSecond)));
        ObjectNode join = JsonNodeFactory.instance.objectNode().put("room", room.roomName());
        forward(PushFrameTypes.INTERCOM_JOIN, connection, join);
        count("joined");
        LOG.debugf("[%s] joined intercom room %s", socket.id(), room.roomName());
    }

    void text(WebSocketConnection socket, String text) {
        relay(socket, "text", text);
    }

    void binary(WebSocketConnection socket, byte[] bytes) {
        relay(socket, "binary", Base64.getEncoder().encodeToString(bytes));
    }

    void closed(WebSocketConnection socket) {
        Member member = members.remove(socket.id());
        if (member != null) {
            connections.remove(member.connection().connectionId());
            publisher.closed(member.connection(), member.connection().routingKey());
        }
    }

    /** A broken socket: counted (not a client that went away), and closed; its close handler tells routing. */
    void failed(WebSocketConnection socket, Throwable failure) {
        if (isOverSizeLimit(failure)) {
            // Vert.x refuses a frame past quarkus.websockets-next.server.max-message-size with this exception
            disconnected("frame-too-large");
        } else if (!(failure instanceof HttpClosedException)) {
            disconnected("error");
            LOG.debugf("[%s] intercom socket failed: %s", socket.id(), failure.toString());
        }
        socket.close().subscribe().with(done -> { }, closeFailure -> { });
    }

    private static boolean isOverSizeLimit(Throwable failure) {
        return failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size");
    }

    private void disconnected(String reason) {
        metrics.counter("push_gateway_disconnects_total", "api", API, "reason", reason).increment();
    }

    private void relay(WebSocketConnection socket, String field, String value) {
        Member member = members.get(socket.id());
        if (member == null) {
            return;
        }
        if (!member.limiter().tryAcquire(1)) {
            count("rate-limited");
            if (member.limiter().dropped() > floodDisconnectAfter && member.limiter().markDisconnected()) {
                disconnected("flood");
                socket.close().subscribe().with(done -> { }, failure -> { });
            }
            return;
        }
        ObjectNode frame = JsonNodeFactory.instance.objectNode().put("room", member.room().roomName()).put(field, value);
        forward(PushFrameTypes.INTERCOM_RELAY, member.connection(), frame);
        count("forwarded");
    }

    private void forward(String event, LocalConnection connection, ObjectNode payload) {
        // payloads made here: written into, not copied (a relayed snapshot is hundreds of KiB)
        publisher.publish(EnvelopeTypes.frame(API, event), connection,
            PushFrameTypes.putGatewayFields(payload, connection, connection.transport()));
    }

    private void refuse(WebSocketConnection socket, String why) {
        count("refused");
        socket.sendText(JsonNodeFactory.instance.objectNode().put("t", 0).put("error", why).toString())
            .onTermination().call(() -> socket.close()).subscribe().with(done -> { }, failure -> { });
    }

    private void count(String outcome) {
        metrics.counter("push_gateway_frames_total", "api", API + "-intercom", "outcome", outcome).increment();
    }
}
