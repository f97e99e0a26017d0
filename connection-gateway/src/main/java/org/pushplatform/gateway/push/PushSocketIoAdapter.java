package org.pushplatform.gateway.push;

import org.pushplatform.contract.Transports;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.ProtocolAckSink;
import org.pushplatform.gateway.socketio.SocketIoApiAdapter;

/**
 * The push-server API on Socket.IO (port 9906): the seed's events, {@code connect} and {@code disconnect} among
 * them as ordinary events (the seed's clients send {@code 42["connect",{"alias":"a"}]}). Pushes are the event
 * {@code push} with the frame {@code {t:5, mid, ...}}, acked by {@code push_c {t:-5, alias, mid}}.
 */
@ApplicationScoped
public class PushSocketIoAdapter implements SocketIoApiAdapter {

    private static final Set<String> EVENTS = Set.of(PushFrameTypes.HEARTBEAT, "register", "get_topic", "pull", "push_c", "do_push",
        PushFrameTypes.CONNECT, PushFrameTypes.CONNECT_ALIAS, "disconnect", "info_status");
    /** Ack timeouts of pushes to Socket.IO clients: short tasks, one thread for all. */
    private static final ScheduledExecutorService ACK_TIMERS = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "push-socketio-ack-timers");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String api() {
        return PushFrameTypes.API;
    }

    @Override
    public Set<String> clientEvents() {
        return EVENTS;
    }

    /** {@code ?token=<token>}: the client names its app (else the listener's own). */
    @Override
    public void fromHandshake(LocalConnection connection, Map<String, List<String>> query) {
        List<String> token = query.get("token");
        if (token != null && !token.isEmpty()) {
            connection.useToken(token.get(0));
        }
    }

    @Override
    public ClientSink sinkFor(ClientSink socketIoSink) {
        return new ProtocolAckSink(socketIoSink, ACK_TIMERS);
    }

    @Override
    public JsonNode beforeForward(String event, JsonNode payload, LocalConnection connection, FrameForwarder forwarder) {
        switch (event) {
            case "push_c" -> {
                // acked here when the push waits on this node; otherwise (pulled, or after its timeout) routing matches it
                String mid = payload == null ? "" : payload.path("mid").asText("");
                if (connection.sink() instanceof ProtocolAckSink acks && acks.acked(mid)) {
                    return ANSWERED_HERE;
                }
            }
            case "disconnect" -> {
                connection.close();
                return ANSWERED_HERE;
            }
            case PushFrameTypes.CONNECT, PushFrameTypes.CONNECT_ALIAS, PushFrameTypes.HEARTBEAT -> {
                String left = PushFrameTypes.keyOnIdentify(event, connection, payload);
                if (left != null) {
                    forwarder.closedUnder(left, connection);
                }
            }
            default -> {
                // forwarded as it is
            }
        }
        return PushFrameTypes.withGatewayFields(event, payload, connection, Transports.SOCKET_IO);
    }
}
