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
    public static final String HEARTBEAT = "heartbeat";
    public static final String INTERCOM_JOIN = "intercom_join";
    public static final String INTERCOM_RELAY = "intercom_relay";
    /** socket.io-client reserves connect: its users send connect_alias instead (answered as connect). */
    public static final String CONNECT_ALIAS = "connect_alias";
    /**
     * Client frames that act for the app before, or without, a binding: routing checks the connection's token on each
     * (the intercom writes its own, see {@link #putGatewayFields}).
     */
    private static final Set<String> TOKEN_CHECKED_EVENTS = Set.of(CONNECT, CONNECT_ALIAS, HEARTBEAT, "info_status",
        "open_door", "phone", "door");

    private static final Map<Integer, String> EVENTS = Map.ofEntries(Map.entry(1, HEARTBEAT), Map.entry(2, "register"),
        Map.entry(3, "get_topic"), Map.entry(4, "pull"), Map.entry(ACK, "push_c"), Map.entry(6, "do_push"), Map.entry(7, "info"),
        Map.entry(8, "open_door"), Map.entry(9, "phone"), Map.entry(10, "door"), Map.entry(14, CONNECT));

    private PushFrameTypes() {
    }

    /** The event of a type code, or null when the API has no such type. */
    public static String eventOf(int type) {
        return EVENTS.get(type);
    }

    /**
     * {@code connect {alias}}, or the seed's first heartbeat {@code {t:1, alias}} of a connection that named no alias
     * yet: the connection's frames are keyed by the alias's identity from now on (a frame without a usable alias
     * changes nothing; routing answers it). @return the identity key the connection leaves, or null
     */
    public static String keyOnIdentify(String event, LocalConnection connection, JsonNode frame) {
        boolean identifies = CONNECT.equals(event) || CONNECT_ALIAS.equals(event) || (HEARTBEAT.equals(event) && !connection.hasSession());
        JsonNode alias = frame == null ? null : frame.get("alias");
        if (!identifies || connection.app() == null || alias == null || !alias.isTextual() || alias.asText().isEmpty()) {
            return null;
        }
        return connection.switchIdentityKey(SessionKeys.of(connection.app(), alias.asText()));
    }

    /**
     * What routing needs to act on a frame before or without a binding (connect, heartbeat, info_status, the door
     * frames): the payload with {@code gateway: {transport, token, firstConnect}} written in, over whatever the client
     * put there. Other frames as they are.
     */
    public static JsonNode withGatewayFields(String event, JsonNode payload, LocalConnection connection, String transport) {
        if (!TOKEN_CHECKED_EVENTS.contains(event) || payload == null || !payload.isObject()) {
            return payload;
        }
        ObjectNode withFields = putGatewayFields(((ObjectNode) payload).deepCopy(), connection, transport);
        if ((CONNECT.equals(event) || CONNECT_ALIAS.equals(event)) && connection.firstConnect()) {
            // the offline push is connect's, once per connection, whether a heartbeat bound it before or not
            ((ObjectNode) withFields.get(PushServerFrames.GATEWAY_FIELD)).put("firstConnect", true);
        }
        return withFields;
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
