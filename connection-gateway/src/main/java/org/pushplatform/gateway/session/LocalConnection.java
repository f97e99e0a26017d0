package org.pushplatform.gateway.session;

import org.pushplatform.contract.Transports;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.PushServerFrames;

/**
 * One connection held by this node: where to write, which API it speaks, the Kafka key of its frames (its
 * identity's once known, its own id before), the rooms it joined, and the stored deliveries already written (or,
 * for client acks, acked), so that a redelivery is not written twice.
 */
public final class LocalConnection {

    /** Redeliveries come soon after the first write; remembering the last few hundred ids is enough. */
    private static final int REMEMBERED_RECEIPTS = 512;
    /** Client frames waiting for their service's answer to their ack callback; the oldest are given up. */
    private static final int AWAITED_ANSWERS = 64;

    private final String connectionId;
    private final String api;
    private final String service;
    private final String transport;
    private final ClientSink sink;
    private final long openedAt = System.currentTimeMillis();
    private volatile String app;
    private volatile String token;
    private volatile String routingKey;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private volatile boolean bound;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Set<String> writtenReceipts = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_RECEIPTS;
        }
    });
    /** Stored deliveries written and waiting for the client's ack; each leaves at its ack or its ack timeout. */
    private final Set<String> awaitingAck = ConcurrentHashMap.newKeySet();

    private final Map<String, Consumer<List<JsonNode>>> awaitedAnswers = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Consumer<List<JsonNode>>> eldest) {
            return size() > AWAITED_ANSWERS;
        }
    };

    /**
     * @param api     the wire API it speaks
     * @param service the service its frames go to ({@code push.in.<service>})
     */
    public LocalConnection(String connectionId, String api, String service, ClientSink sink) {
        this(connectionId, api, service, null, Transports.SOCKET_IO, sink);
    }

    /**
     * @param app       the app every frame of the connection belongs to, when its listener knows it; else null
     * @param transport what it came over (socketio, tcp, intercom-capture, ...), counted in the node's heartbeats
     */
    public LocalConnection(String connectionId, String api, String service, String app, String transport, ClientSink sink) {
        this.app = app;
        this.transport = transport;
        this.connectionId = connectionId;
        this.api = api;
        this.service = service;
        this.sink = sink;
        this.routingKey = connectionId;
    }

    public String connectionId() {
        return connectionId;
    }

    public String api() {
        return api;
    }

    public String service() {
        return service;
    }

    public String transport() {
        return transport;
    }

    /** When it was opened, on this node's clock. */
    public long openedAt() {
        return openedAt;
    }

    /** The app its listener serves, stamped on each of its records; null when the client names it in a frame. */
    public String app() {
        return app;
    }

    /**
     * The client named its app with a push-server token (Socket.IO query, TCP first line): its records carry the
     * token's app from now on, and routing checks the token where it matters. A text that is no token changes nothing.
     *
     * @return whether it was a token
     */
    public boolean useToken(String token) {
        String appkey = PushServerFrames.appkeyOfToken(token);
        if (appkey == null) {
            return false;
        }
        this.app = appkey;
        this.token = token;
        return true;
    }

    /** True for the first connect frame of the connection only (the push-server API sends what it missed then). */
    public boolean firstConnect() {
        return connected.compareAndSet(false, true);
    }

    /**
     * A pubsub client names its app in {@code connect_v2}: the connection is that app's from now on (routing checks
     * the appkey before it binds anything; commands of other apps never reach it).
     */
    public void claimApp(String app) {
        if (app != null && !app.isEmpty()) {
            this.app = app;
        }
    }

    /** True when the connection is of this app: what another app's command names, it never touches. */
    public boolean belongsTo(String app) {
        String own = this.app;
        return own != null && own.equals(app);
    }

    /** The token the client gave, or null. */
    public String token() {
        return token;
    }

    public ClientSink sink() {
        return sink;
    }

    /** Closes the connection from the server's side. @return true the first time only */
    public boolean close() {
        return close(null);
    }

    /** Closes it for the reason its service gave, or none. @return true the first time only */
    public boolean close(String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        if (reason == null) {
            sink.close();
        } else {
            sink.close(reason);
        }
        return true;
    }

    public String routingKey() {
        return routingKey;
    }

    /** True once the connection has named an identity, so that its frames go to that identity's owner. */
    public boolean hasSession() {
        return !routingKey.equals(connectionId);
    }

    /** Its service bound it to an identity (it authenticated): deliveries to that identity reach it. */
    public void bound(String identityKey) {
        useRoutingKey(identityKey);
        bound = true;
    }

    /** True when deliveries can reach it: it is bound to an identity, or it joined a room. */
    public boolean reachable() {
        return bound || !rooms.isEmpty();
    }

    /** @return the key used before */
    public String useRoutingKey(String key) {
        String previous = routingKey;
        routingKey = key;
        return previous;
    }

    /**
     * The client named an identity (connect_v2, connect {alias}): its frames are keyed by {@code key} from now on.
     *
     * @return the identity key it leaves, whose owner must hear that the connection is gone from it; null when it had
     *     none or keeps it
     */
    public String switchIdentityKey(String key) {
        String previous = useRoutingKey(key);
        return previous.equals(connectionId) || previous.equals(key) ? null : previous;
    }

    /** True the first time this stored delivery is noted for this connection. */
    public boolean firstWriteOf(String receiptId) {
        synchronized (writtenReceipts) {
            return writtenReceipts.add(receiptId);
        }
    }

    /** True when this stored delivery was already noted for this connection. */
    public boolean wrote(String receiptId) {
        synchronized (writtenReceipts) {
            return writtenReceipts.contains(receiptId);
        }
    }

    /** True when this stored delivery was not already written and waiting for the client's ack; it is from now on. */
    public boolean startAwaitingAck(String receiptId) {
        return awaitingAck.add(receiptId);
    }

    /**
     * The client acked this stored delivery ({@code acked}: it is written, a copy sent again is answered at once), or
     * its ack timed out (a copy sent again is written). Nothing to note for a delivery without a receipt id.
     */
    public void ackSettled(String receiptId, boolean acked) {
        if (receiptId == null) {
            return;
        }
        if (acked) {
            firstWriteOf(receiptId);
        }
        awaitingAck.remove(receiptId);
    }

    /** A client frame asked for an ack: {@code answer} calls its callback when the service replies to {@code frameId}. */
    public void awaitAnswer(String frameId, Consumer<List<JsonNode>> answer) {
        synchronized (awaitedAnswers) {
            awaitedAnswers.put(frameId, answer);
        }
    }

    /** The callback of a client frame, once: null when unknown, answered already or given up. */
    public Consumer<List<JsonNode>> takeAnswer(String frameId) {
        synchronized (awaitedAnswers) {
            return awaitedAnswers.remove(frameId);
        }
    }

    /** Rooms are named {@code app/room}: rooms never cross apps. */
    Set<String> rooms() {
        return rooms;
    }
}
