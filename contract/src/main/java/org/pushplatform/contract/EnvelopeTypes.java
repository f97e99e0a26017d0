package org.pushplatform.contract;

/** The values of {@link Envelope#type()}. Commands are imperative, events past tense. */
public final class EnvelopeTypes {

    /** A client connected to a gateway node; payload {@link ConnectionOpened}. */
    public static final String CONNECTION_OPENED = "connection.opened";
    /** A client's connection ended; no payload. */
    public static final String CONNECTION_CLOSED = "connection.closed";
    /** Prefix of a pubsub client frame; the rest is the Socket.IO event name, the payload its first argument. */
    public static final String PUBSUB_FRAME_PREFIX = "pubsub.";
    /** A gateway node is alive; payload {@link GatewayHeartbeat}. Sent every few seconds on {@link Topics#heartbeats()}. */
    public static final String GATEWAY_HEARTBEAT = "gateway.heartbeat";
    /** A routing instance checks it can hear {@link Topics#heartbeats()}: it reads back its own probe. No payload. */
    public static final String ROUTING_PROBE = "routing.probe";
    /** Emit one event to some connections of one gateway node; payload {@link EmitToConnections}. */
    public static final String EMIT = "gateway.emit";
    /**
     * A gateway wrote a stored message to a connection ({@link EmitToConnections#receiptId()} in
     * {@link Envelope#messageId()}); keyed like the connection's frames, so it reaches the session's owner.
     */
    public static final String DELIVERY_RECEIPT = "delivery.receipt";
    /** Routing to routing: deliver one event to sessions of one partition; payload {@link RouteToSessions}. */
    public static final String ROUTE_TO_SESSIONS = "route.sessions";

    private EnvelopeTypes() {
    }

    public static String pubsubFrame(String event) {
        return PUBSUB_FRAME_PREFIX + event;
    }
}
