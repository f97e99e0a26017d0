package org.pushplatform.gateway.socketio;

import java.util.Set;

import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.ClientSink;

/**
 * What one wire API adds to a Socket.IO listener (see {@link SocketIoListener}): its client events and its own rules
 * at connect time and per frame. A new Socket.IO API is one of these and a config section
 * {@code push.gateway.socketio.<name>}; everything else (guards, limits, forwarding, deliveries, acks) is shared.
 */
public interface SocketIoApiAdapter {

    /** What {@link #beforeForward} returns for a frame the gateway took care of itself (a push's ack, a disconnect). */
    JsonNode ANSWERED_HERE = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    /** The API's name, as in {@code push.gateway.socketio.<name>.api} and on every frame and delivery. */
    String api();

    /** The client events forwarded to the API's service; any other event is dropped and counted. */
    Set<String> clientEvents();

    /**
     * True when the API's service answers its clients' ack callbacks (the chat API's result convention); otherwise a
     * frame's ack callback is answered empty as soon as the frame is taken.
     */
    default boolean answersAcks() {
        return false;
    }

    /** Right after a client connected, before any frame (pubsub greets it with socketconnectack). */
    default void connected(SocketIOClient client) {
    }

    /**
     * What the handshake's query says of a connection, e.g. its app (push-server's {@code token}). Called for each
     * of its frames until the connection has a token: whichever comes first, its connect event or a frame.
     */
    default void fromHandshake(LocalConnection connection, java.util.Map<String, java.util.List<String>> query) {
    }

    /** The sink of a new connection, given the one that writes Socket.IO events (push-server adds its own acks). */
    default ClientSink sinkFor(ClientSink socketIoSink) {
        return socketIoSink;
    }

    /**
     * A client frame about to be forwarded.
     *
     * @return its payload, as forwarded (pubsub fills in a missing customid; a frame without arguments has none,
     *     null), or {@link #ANSWERED_HERE} when the gateway took care of it and nothing is forwarded
     */
    default JsonNode beforeForward(String event, JsonNode payload, LocalConnection connection, FrameForwarder forwarder) {
        return payload;
    }

    /** Lets an adapter write a record of its own before the frame, e.g. that a connection left its earlier session. */
    interface FrameForwarder {
        void closedUnder(String previousRoutingKey, LocalConnection connection);
    }
}
