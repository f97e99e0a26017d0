package org.pushplatform.contract;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * MQTT between gateways and routing. A gateway decodes MQTT packets and writes the ones a session's owner must see as
 * frames {@code mqtt.<event>} (CONNECT, SUBSCRIBE, UNSUBSCRIBE, PUBLISH); routing answers with events of the same
 * names as the packets they become (connack, suback, unsuback, puback) and delivers messages as {@code publish}. The
 * payloads here are neutral of the protocol version: each gateway writes its client's version's codes.
 */
public final class MqttApi {

    public static final String API = "mqtt";

    public static final String CONNECT = "connect";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String PUBLISH = "publish";
    /** A client's DISCONNECT, before its connection closes: whether its will goes (MQTT 5 reason 0x04) or not. */
    public static final String DISCONNECT = "disconnect";
    /** QoS 2's second step from a client: the message with this packet id may be forgotten. */
    public static final String PUBREL = "pubrel";

    public static final String CONNACK = "connack";
    public static final String SUBACK = "suback";
    public static final String UNSUBACK = "unsuback";
    public static final String PUBACK = "puback";
    /** A retained message to a connection that just subscribed: PUBLISH with retain set, whatever the options. */
    public static final String RETAINED = "retained";
    public static final String PUBREC = "pubrec";
    public static final String PUBCOMP = "pubcomp";

    /** The reason routing closes a connection whose client id connected again elsewhere (MQTT 5: DISCONNECT 0x8E). */
    public static final String TAKEN_OVER = "session taken over";

    /** The highest QoS this platform grants and accepts. */
    public static final int MAX_QOS = 2;

    private MqttApi() {
    }

    /** What became of a CONNECT. */
    public enum ConnectResult { ACCEPTED, BAD_CREDENTIALS, NOT_AUTHORIZED, CLIENT_ID_REJECTED, QUOTA_EXCEEDED, UNAVAILABLE }

    /** What became of a PUBLISH the client sent at QoS 1. */
    public enum PublishResult { ACCEPTED, TOPIC_INVALID, QUOTA_EXCEEDED, NOT_AUTHORIZED }

    /**
     * A CONNECT.
     *
     * @param clientId             the client id, made up by the gateway when the client sent none
     * @param clientIdAssigned     the gateway made it up (MQTT 5 tells the client in CONNACK)
     * @param username             the app key
     * @param password             the app's secret, or a signature its backend made (see the README)
     * @param cleanStart           the session starts empty (MQTT 3.1.1's clean session)
     * @param sessionExpirySeconds how long the session outlives its connection: 0 not at all; null for ever
     * @param protocolVersion      4 for 3.1.1, 5 for 5
     * @param will                 the message published when the connection ends without a DISCONNECT, or null
     * @param willDelaySeconds     MQTT 5: how long after that it goes (a reconnect meanwhile cancels it); null: at once
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connect(String clientId, boolean clientIdAssigned, String username, String password, boolean cleanStart,
                          Long sessionExpirySeconds, int protocolVersion, Message will, Long willDelaySeconds) {
    }

    /** DISCONNECT's reason code (0 for MQTT 3.1.1): 0x04 asks for the will to be published. */
    public record Disconnect(int reasonCode) {
    }

    /** DISCONNECT with will message (MQTT 5). */
    public static final int DISCONNECT_WITH_WILL = 0x04;

    /** A SUBSCRIBE: its filters with the QoS asked for each. */
    public record Subscribe(int packetId, List<Subscription> subscriptions) {
    }

    /**
     * One topic filter (exact, or with {@code +} and {@code #}), the QoS asked for or granted, and MQTT 5's options: no
     * local (not the subscriber's own messages), retain as published, retain handling (0 retained messages at every
     * subscribe, 1 only when the subscription is new, 2 never) and the subscription identifier its messages carry.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling,
                               Integer subscriptionId) {

        public Subscription(String filter, int qos) {
            this(filter, qos, false, false, 0, null);
        }

        public Subscription withQos(int granted) {
            return new Subscription(filter, granted, noLocal, retainAsPublished, retainHandling, subscriptionId);
        }
    }

    public record Unsubscribe(int packetId, List<String> filters) {
    }

    /**
     * A message as MQTT carries it, from a client (packet id set at QoS 1 and 2) or to one.
     *
     * @param payload    the payload's bytes, base64
     * @param properties MQTT 5's properties of the message, passed through; null when it has none
     * @param origin     the client id of the MQTT client that published it (for MQTT 5's no local); null otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(Integer packetId, String topic, String payload, int qos, boolean retain, Properties properties, String origin) {

        public Message(Integer packetId, String topic, String payload, int qos, boolean retain) {
            this(packetId, topic, payload, qos, retain, null, null);
        }

        public Message withDelivery(String topic, int qos, boolean retain) {
            return new Message(null, topic, payload, qos, retain, properties, origin);
        }
    }

    /**
     * MQTT 5's message properties that travel with a message.
     *
     * @param expiresAt       when the message expires (epoch milliseconds), from its message expiry interval; it is
     *                        forwarded with the time left and never delivered after
     * @param correlationData base64
     * @param userProperties  name and value pairs, in order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Properties(Integer payloadFormat, Long expiresAt, String contentType, String responseTopic, String correlationData,
                             List<List<String>> userProperties) {
    }

    /**
     * CONNACK; with a session that was there, its subscriptions (the gateway grants each delivery at most their QoS).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connack(ConnectResult result, boolean sessionPresent, String reason, List<Subscription> subscriptions) {
    }

    /** SUBACK: per filter, the QoS granted, or -1 for one refused (an invalid filter, too many subscriptions). */
    public record Suback(int packetId, List<Integer> granted) {
    }

    /** UNSUBACK: per filter, whether there was such a subscription. */
    public record Unsuback(int packetId, List<Boolean> found) {
    }

    /** PUBACK (QoS 1) or PUBREC (QoS 2) of a client's PUBLISH. */
    public record Puback(int packetId, PublishResult result) {
    }

    /** PUBREL from a client, PUBCOMP from routing: {@code known} false when no QoS 2 message had that packet id. */
    public record Release(int packetId, boolean known) {
    }
}
