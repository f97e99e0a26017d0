package org.pushplatform.gateway.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connections this node holds, by connection id, whatever their protocol. Holds only sockets:
 * losing it loses nothing durable.
 */
@ApplicationScoped
public class LocalConnections {

    private final Map<String, LocalConnection> byId = new ConcurrentHashMap<>();

    /** The connection, added now if this is the first we hear of it (its first frame may beat its connect event). */
    public LocalConnection getOrAdd(String connectionId, Supplier<ClientSink> sink) {
        return byId.computeIfAbsent(connectionId, id -> new LocalConnection(id, sink.get()));
    }

    public void remove(String connectionId) {
        byId.remove(connectionId);
    }

    public LocalConnection get(String connectionId) {
        return byId.get(connectionId);
    }

    public int size() {
        return byId.size();
    }
}
