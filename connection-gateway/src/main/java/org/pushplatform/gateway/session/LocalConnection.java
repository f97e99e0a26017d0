package org.pushplatform.gateway.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One connection held by this node: where to write, the Kafka key of its frames (its session's once it said
 * which, its own id before), and the stored messages already written to it, so that a redelivery is not written twice.
 */
public final class LocalConnection {

    /** Redeliveries come soon after the first write; remembering the last few hundred ids is enough. */
    private static final int REMEMBERED_RECEIPTS = 512;

    private final String connectionId;
    private final ClientSink sink;
    private volatile String routingKey;
    private final Set<String> writtenReceipts = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_RECEIPTS;
        }
    });

    public LocalConnection(String connectionId, ClientSink sink) {
        this.connectionId = connectionId;
        this.sink = sink;
        this.routingKey = connectionId;
    }

    public String connectionId() {
        return connectionId;
    }

    public ClientSink sink() {
        return sink;
    }

    public String routingKey() {
        return routingKey;
    }

    /** True once the connection has named a session, so that its frames go to that session's owner. */
    public boolean hasSession() {
        return !routingKey.equals(connectionId);
    }

    /** @return the key used before */
    public String useRoutingKey(String key) {
        String previous = routingKey;
        routingKey = key;
        return previous;
    }

    /** True the first time this stored message is written to this connection. */
    public boolean firstWriteOf(String receiptId) {
        synchronized (writtenReceipts) {
            return writtenReceipts.add(receiptId);
        }
    }
}
