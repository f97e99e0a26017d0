package org.pushplatform.contract.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The commands beside {@link Deliver} that change who gets what. Each is keyed by the address it changes. */
public final class ControlCommands {

    private ControlCommands() {
    }

    /**
     * A service authenticated a connection as an identity: deliveries to the identity reach it from now on, and what
     * was stored for the identity is sent to it. Keyed by the identity. With a {@code requester}, its outcome (the
     * gateway applied it, or {@code CONNECTION_GONE}, {@code QUOTA}) goes to {@code push.events.deliveries} under
     * {@code messageId}, so that the caller knows when it took effect.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BindIdentity(Address.Connection connection, Address.Identity identity, String api, String messageId,
                               String requester) implements DeliveryRecord {
        public static final String TYPE = "identity.bind";

        public BindIdentity(Address.Connection connection, Address.Identity identity, String api) {
            this(connection, identity, api, null, null);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return identity;
        }
    }

    /**
     * The connection joins a room; rooms live as long as their connections. Keyed by the connection. With a
     * {@code requester}, the outcome says when the connection's node applied it (or that the connection is gone).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JoinRoom(Address.Connection connection, String room, String messageId, String requester) implements DeliveryRecord {
        public static final String TYPE = "room.join";

        public JoinRoom(Address.Connection connection, String room) {
            this(connection, room, null, null);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return connection;
        }
    }

    /** The connection leaves a room. Keyed by the connection. With a {@code requester}, as {@link JoinRoom}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeaveRoom(Address.Connection connection, String room, String messageId, String requester) implements DeliveryRecord {
        public static final String TYPE = "room.leave";

        public LeaveRoom(Address.Connection connection, String room) {
            this(connection, room, null, null);
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return connection;
        }
    }

    /** The identity subscribes to a topic, durably. Keyed by the identity. */
    public record Subscribe(Address.Identity identity, String topic) implements DeliveryRecord {
        public static final String TYPE = "topic.subscribe";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return identity;
        }
    }

    /** The identity leaves a topic. Keyed by the identity. */
    public record Unsubscribe(Address.Identity identity, String topic) implements DeliveryRecord {
        public static final String TYPE = "topic.unsubscribe";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return identity;
        }
    }

    /** Close a connection, or every connection of an identity. Keyed by that address. */
    public record Disconnect(Address target, String reason) implements DeliveryRecord {
        public static final String TYPE = "connection.disconnect";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Address subject() {
            return target;
        }
    }
}
