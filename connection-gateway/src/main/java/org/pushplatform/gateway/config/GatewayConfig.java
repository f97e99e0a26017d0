package org.pushplatform.gateway.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code push.}; each can be overridden by the environment variable in brackets. */
@ConfigMapping(prefix = "push")
public interface GatewayConfig {

    /** This node's id: its deliveries topic is {@code push.gw.<nodeId>} ({@code PUSH_NODE_ID}). */
    String nodeId();

    /** Prefix of every Kafka topic ({@code PUSH_TOPIC_PREFIX}). */
    @WithDefault("push.")
    String topicPrefix();

    /** How long records stay on this node's delivery topic, in milliseconds ({@code PUSH_DELIVERY_RETENTION_MS}). */
    @WithDefault("600000")
    long deliveryRetentionMs();

    /**
     * Copies of each topic this service creates: 1 on one broker, 3 in production ({@code PUSH_TOPIC_REPLICATION_FACTOR}).
     */
    @WithDefault("1")
    short topicReplicationFactor();

    /**
     * Copies a write must reach before it counts, for the topics this service creates: 1 on one broker, 2 in
     * production with 3 copies ({@code PUSH_TOPIC_MIN_INSYNC_REPLICAS}).
     */
    @WithDefault("1")
    int topicMinInsyncReplicas();

    /**
     * The most bytes of client frames this node holds while Kafka has not acknowledged them; past it new frames are
     * refused and counted ({@code PUSH_GATEWAY_MAX_INBOUND_BYTES}, 64 MiB).
     */
    @WithDefault("67108864")
    long maxInboundBytes();

    /** How often this node tells routing it is alive ({@code PUSH_HEARTBEAT_INTERVAL}). */
    @WithDefault("5s")
    Duration heartbeatInterval();

    Gateway gateway();

    /** The protocol listeners. */
    interface Gateway {

        /** The Socket.IO listeners by name, each serving one API on its own port and path. */
        Map<String, SocketIoListener> socketio();

        /** The newline-delimited JSON TCP listeners by name ({@code push.gateway.tcp.<name>.*}). */
        Map<String, TcpListener> tcp();

        /** The MQTT listeners by name ({@code push.gateway.mqtt.<name>.*}). */
        Map<String, MqttListener> mqtt();

        /** The host clients reach this node at, told in its heartbeats; this machine's address when unset. */
        java.util.Optional<String> advertisedHost();

        /** The push-server API's intercom WebSockets on the HTTP port. */
        Intercom intercom();

        /** What a node being stopped does with its clients. */
        Drain drain();
    }

    /**
     * A node being stopped refuses new sockets, then closes its clients' a slice at a time over {@link #period()},
     * so that they reconnect to the other nodes gradually rather than all at once.
     */
    interface Drain {
        /** The time over which the clients are closed ({@code PUSH_GATEWAY_DRAIN_PERIOD}); 0 closes them all at once. */
        @WithDefault("10s")
        Duration period();

        /**
         * How long after the period the node still waits for its clients' sockets to close and for Kafka to take what
         * they sent; a client that does not read then loses its socket without the flush.
         */
        @WithDefault("5s")
        Duration grace();
    }

    /** The intercom WebSockets: capture rooms {@code /{r}/{d}}, call rooms {@code /{r}/{d}/{device}}. */
    interface Intercom {

        /** The app of their sockets, unless one names its own with {@code ?token=}. */
        String app();

        /** Frames a socket may send per second; more are dropped and counted. */
        int framesPerSecond();

        /** Dropped frames after which a flooding socket is closed. */
        int floodDisconnectAfter();
    }

    /** One TCP listener of newline-delimited JSON frames, serving one app. */
    interface TcpListener {
        /** Whether its clients speak TLS, with the certificate of {@code quarkus.tls.*} ({@code PUSH_TLS_CERT_FILE}, ...). */
        @WithDefault("false")
        boolean tls();

        @WithDefault("true")
        boolean enabled();

        /** Port; 0 picks a free one. */
        int port();

        /** The API it speaks. */
        String api();

        /** The service that owns its frames: they go to {@code push.in.<service>}. */
        @WithDefault("routing")
        String service();

        /** The app of every connection of this listener (the seed's frames carry none). */
        String app();

        /** Longest line accepted, in bytes; the rest of a longer one is cut and answered with an error. */
        @WithDefault("262144")
        int maxLineBytes();

        /** A connection that sends nothing this long is closed (the seed's clients send a heartbeat, t:1). */
        @WithDefault("300s")
        Duration idleTimeout();

        /** Bytes that may wait to be written to one client, as for Socket.IO. */
        @WithDefault("1048576")
        int maxOutboundBytes();

        /** Frames a connection may send per second before further frames are dropped. */
        @WithDefault("200")
        int framesPerSecond();

        /** Frames dropped for flooding after which the connection is closed. */
        @WithDefault("1000")
        int floodDisconnectAfter();
    }

    /** One MQTT 3.1.1 and 5 listener; each client names its app as its username. */
    interface MqttListener {
        /** Whether its clients speak TLS, with the certificate of {@code quarkus.tls.*} ({@code PUSH_TLS_CERT_FILE}, ...). */
        @WithDefault("false")
        boolean tls();

        @WithDefault("true")
        boolean enabled();

        /** Port; 0 picks a free one. */
        int port();

        /** Largest packet accepted, in bytes (told to MQTT 5 clients); a bigger one ends the connection (MQTT 5: 0x95). */
        @WithDefault("262144")
        int maxPacketBytes();

        /** A connection that has not sent CONNECT, or not been answered, within this long is closed. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** QoS 1 messages written to one client and not yet acked, at most (less when the client asks for less). */
        @WithDefault("64")
        int maxInflight();

        /** Messages waiting behind a full in-flight window for one client; past it the connection is closed (what is stored stays). */
        @WithDefault("1000")
        int maxQueued();

        /** Bytes that may wait to be written to one client; past it QoS 0 messages are dropped. */
        @WithDefault("1048576")
        int maxOutboundBytes();

        /** Packets a connection may send per second before further ones are dropped. */
        @WithDefault("200")
        int framesPerSecond();

        /** Packets dropped for flooding after which the connection is closed. */
        @WithDefault("1000")
        int floodDisconnectAfter();
    }

    /** One Socket.IO listener ({@code push.gateway.socketio.<name>.*}). */
    interface SocketIoListener {
        /** Whether its clients speak TLS, with the certificate of {@code quarkus.tls.*} ({@code PUSH_TLS_CERT_FILE}, ...). */
        @WithDefault("false")
        boolean tls();

        /** A listener can be switched off without removing its section. */
        @WithDefault("true")
        boolean enabled();

        /** Port; 0 picks a free one. */
        int port();

        /** The Socket.IO path clients connect to. */
        @WithDefault("/socket.io")
        String path();

        /** The API it speaks: picks its adapter, and only this API's deliveries reach its connections. */
        String api();

        /** The service that owns its frames: they go to {@code push.in.<service>}. */
        @WithDefault("routing")
        String service();

        /** The app of every connection, for an API whose frames name none (push-server); unset: the client names it. */
        java.util.Optional<String> app();

        /** Largest WebSocket frame or polling body accepted, in bytes; a bigger one closes the connection. */
        @WithDefault("262144")
        int maxFrameBytes();

        /** Frames a connection may send per second before further frames are dropped. */
        @WithDefault("200")
        int framesPerSecond();

        /** An HTTP (polling) connection without traffic this long is closed; websockets follow the ping timeout. */
        @WithDefault("90s")
        Duration idleHttpClose();

        /**
         * Bytes that may wait to be written to one client (a websocket's outbound buffer, a polling client's queue);
         * past it QoS 0 events are dropped and a stored delivery closes the connection (it stays stored).
         */
        @WithDefault("1048576")
        int maxOutboundBytes();

        /** Frames dropped for flooding after which the connection is closed. */
        @WithDefault("1000")
        int floodDisconnectAfter();

        /**
         * A connection that within this long is neither bound to an identity by its service (authenticated) nor in a
         * room is closed (the device API's unauthenticated sockets); unset: never.
         */
        java.util.Optional<Duration> unboundTimeout();
    }
}
