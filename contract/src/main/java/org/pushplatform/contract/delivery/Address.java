package org.pushplatform.contract.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a delivery goes, always inside one app. Written as JSON with {@code "type"} naming the kind of address.
 * {@link #key()} is the Kafka key of a command to it on {@code push.route}: the partition of that key owns it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Address.Identity.class, name = "identity"),
    @JsonSubTypes.Type(value = Address.Topic.class, name = "topic"),
    @JsonSubTypes.Type(value = Address.Room.class, name = "room"),
    @JsonSubTypes.Type(value = Address.Connection.class, name = "connection")})
public sealed interface Address permits Address.Identity, Address.Topic, Address.Room, Address.Connection {

    String app();

    /** The Kafka key of everything about this address. */
    String key();

    /**
     * Someone in an app, whatever connections they have: a pubsub session (kind {@code session}, id its customid),
     * an alias shared by pubsub and push-server ({@code alias}), a device serial, a chat or iot account. Kinds are
     * {@link IdentityKinds}; the core treats only {@code alias} specially (every identity carrying that alias).
     */
    record Identity(String app, String kind, String id) implements Address {
        @Override
        public String key() {
            return app + '/' + id;
        }
    }

    /** Every identity subscribed to a topic of the app (durable subscriptions). */
    record Topic(String app, String topic) implements Address {
        @Override
        public String key() {
            return app + '/' + topic;
        }
    }

    /** Every connection that joined a room of the app (rooms belong to connections, as Socket.IO's rooms do). */
    record Room(String app, String room) implements Address {
        @Override
        public String key() {
            return app + '/' + room;
        }
    }

    /** One connection on one gateway node. */
    record Connection(String app, String nodeId, String connectionId) implements Address {
        @Override
        public String key() {
            return app + '/' + connectionId;
        }
    }
}
