package org.pushplatform.gateway.pubsub;

import java.util.Set;

import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.PubsubEvents;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.socketio.SocketIoApiAdapter;

/**
 * The pubsub API on Socket.IO: the seed's events, {@code socketconnectack} on connect, and {@code connect_v2}
 * naming the session, whose key (appkey/customid) the connection's later frames are sent under.
 */
@ApplicationScoped
public class PubsubSocketIoAdapter implements SocketIoApiAdapter {

    private static final JsonNode CONNECT_ACK = JsonNodeFactory.instance.objectNode().put("msg", "socket.io connected");

    @Override
    public String api() {
        return "pubsub";
    }

    @Override
    public Set<String> clientEvents() {
        return PubsubEvents.CLIENT_EVENTS;
    }

    @Override
    public void connected(SocketIOClient client) {
        client.sendEvent("socketconnectack", CONNECT_ACK);
    }

    @Override
    public JsonNode beforeForward(String event, JsonNode payload, LocalConnection connection, FrameForwarder forwarder) {
        if (!event.equals("connect_v2")) {
            return payload;
        }
        JsonNode withCustomid = SessionKeyOfConnect.withCustomid(payload);
        if (payload != null && payload.path("appkey").isTextual()) {
            connection.claimApp(payload.get("appkey").asText());
        }
        String sessionKey = SessionKeyOfConnect.of(withCustomid);
        String left = connection.switchIdentityKey(sessionKey == null ? connection.connectionId() : sessionKey);
        if (left != null) {
            // the connection leaves its earlier session: that session's owner must hear it
            forwarder.closedUnder(left, connection);
        }
        return withCustomid;
    }
}
