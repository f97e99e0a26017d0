package org.pushplatform.contract;

/** The values of {@link Envelope#type()}. Commands are imperative, events past tense. */
public final class EnvelopeTypes {

    /** A client connected to a gateway node; payload {@link ConnectionOpened}. */
    public static final String CONNECTION_OPENED = "connection.opened";
    /** A client's connection ended; no payload. */
    public static final String CONNECTION_CLOSED = "connection.closed";
    /** Prefix of a pubsub client frame; the rest is the Socket.IO event name, the payload its first argument. */
    public static final String PUBSUB_FRAME_PREFIX = "pubsub.";
    /** Frames of the push-server API (TCP and Socket.IO): {@code push.<event>}. */
    public static final String PUSH_FRAME_PREFIX = "push.";
    /** A gateway node is alive; payload {@link GatewayHeartbeat}. Sent every few seconds on {@link Topics#heartbeats()}. */
    public static final String GATEWAY_HEARTBEAT = "gateway.heartbeat";
    /** A routing instance checks it can hear {@link Topics#heartbeats()}: it reads back its own probe. No payload. */
    public static final String ROUTING_PROBE = "routing.probe";
    /** Emit one event to some connections of one gateway node; payload {@link EmitToConnections}. */
    public static final String EMIT = "gateway.emit";
    /**
     * A gateway wrote a delivery to a connection, or the client acked it or not in time; payload
     * {@link DeliveryReceipt} (records of earlier versions have none and carry the receipt id as their message id).
     * Keyed like the connection's frames, so it reaches its identity's owner.
     */
    public static final String DELIVERY_RECEIPT = "delivery.receipt";
    /** Routing to routing: deliver one event to identities of one partition; payload {@link RouteToIdentities}. */
    public static final String ROUTE_TO_IDENTITIES = "route.identities";
    /** The same, as written by earlier versions on {@code push.route}. */
    public static final String ROUTE_TO_SESSIONS = "route.sessions";
    /** Routing to a gateway: a local connection joins a room; payload {@link GatewayControl}. */
    public static final String JOIN_ROOM = "gateway.room.join";
    /** Routing to a gateway: a local connection leaves a room; payload {@link GatewayControl}. */
    public static final String LEAVE_ROOM = "gateway.room.leave";
    /** Routing to a gateway: close a local connection; payload {@link GatewayControl}. */
    public static final String DISCONNECT = "gateway.disconnect";
    /**
     * Records for one partition written together as one Kafka record (to a gateway node, or the repartition step),
     * handled in order; payload {@link RecordBatch}.
     */
    public static final String BATCH = "batch";
    /** Routing to a gateway: a local connection was bound to an identity; payload {@link GatewayControl}. */
    public static final String BOUND = "gateway.bound";
    /** Routing to a gateway: this run of the node was taken for dead, its connections dropped; payload {@link NodeExpired}. */
    public static final String NODE_EXPIRED = "gateway.node.expired";

    private EnvelopeTypes() {
    }

    public static String pubsubFrame(String event) {
        return frame("pubsub", event);
    }

    /**
     * A client frame of an API: {@code <api>.<event>}, its payload the event's first argument, its message id what a
     * service answers when it replies to the frame's ack callback (see the contract's {@code Deliver#replyTo}).
     */
    public static String frame(String api, String event) {
        return api + '.' + event;
    }
}
