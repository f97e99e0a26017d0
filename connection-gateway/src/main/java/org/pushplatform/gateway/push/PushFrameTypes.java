package org.pushplatform.gateway.push;

import org.pushplatform.contract.PushServerFrames;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.SessionKeys;
import org.pushplatform.gateway.session.LocalConnection;

/**
 * The push-server API's frame types. A TCP frame says what it is by its type code {@code t}; a Socket.IO frame by
 * its event; both travel to routing as the same event, and routing answers with {@code <event>_c}. The seed lists
 * connect as type 11 and sends it as {@code t:14}: 14 it is.
 */
public final class PushFrameTypes {

    public static final String API = "push";
    /** The client's ack of a pushed message: {@code {t:-5, mid}}, answered in the gateway (a protocol ack). */
    public static final int ACK = -5;
    public static final String CONNECT = "connect";
    public static final String INTERCOM_JOIN = "intercom_join";
    public static final String INTERCOM_RELAY = "intercom_relay";
    /** Client frames routing answers before a binding (the intercom writes its own, see {@link #putGatewayFields}). */
    private static final Set<String> UNBOUND_EVENTS = Set.of(CONNECT, "connect_alias", "info_status");

    private static final Map<Integer, String> EVENTS = Map.ofEntries(Map.entry(1, "heartbeat"), Map.entry(2, "register"),
        Map.entry(3, "get_topic"), Map.entry(4, "pull"), Map.entry(ACK, "push_c"), Map.entry(6, "do_push"), Map.entry(7, "info"),
        Map.entry(8, "open_door"), Map.entry(9, "phone"), Map.entry(10, "door"), Map.entry(14, CONNECT));

    private PushFrameTypes() {
    }

    /** The event of a type code, or null when the API has no such type. */
    public static String eventOf(int type) {
        return EVENTS.get(type);
    }

    /**
     * {@code connect {alias}}: the connection's frames are keyed by the alias's identity from now on (a frame without
     * a usable alias changes nothing; routing answers it). @return the identity key the connection leaves, or null
     */
    public static String keyOnConnect(LocalConnection connection, JsonNode frame) {
        JsonNode alias = frame == null ? null : frame.get("alias");
        if (connection.app() == null || alias == null || !alias.isTextual() || alias.asText().isEmpty()) {
            return null;
        }
        return connection.switchIdentityKey(SessionKeys.of(connection.app(), alias.asText()));
    }

    /**
     * What routing needs to answer a frame of an unbound connection (connect, info_status): the payload with
     * {@code gateway: {transport, token}} written in, over whatever the client put there. Other frames as they are.
     */
    public static JsonNode withGatewayFields(String event, JsonNode payload, LocalConnection connection, String transport) {
        if (!UNBOUND_EVENTS.contains(event) || payload == null || !payload.isObject()) {
            return payload;
        }
        return putGatewayFields(((ObjectNode) payload).deepCopy(), connection, transport);
    }

    /** Writes {@code gateway: {transport, token}} into a payload the gateway made itself (no copy needed). */
    public static ObjectNode putGatewayFields(ObjectNode payload, LocalConnection connection, String transport) {
        ObjectNode gateway = payload.putObject(PushServerFrames.GATEWAY_FIELD).put("transport", transport);
        if (connection.token() != null) {
            gateway.put("token", connection.token());
        }
        return payload;
    }
}
