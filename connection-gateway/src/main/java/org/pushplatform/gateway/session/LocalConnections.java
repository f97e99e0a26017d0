package org.pushplatform.gateway.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connections this node holds, by connection id, whatever their protocol. Holds only sockets:
 * losing it loses nothing durable.
 */
@ApplicationScoped
public class LocalConnections {

    private final Map<String, LocalConnection> byId = new ConcurrentHashMap<>();

    public LocalConnection add(String connectionId, ClientSink sink) {
        LocalConnection connection = new LocalConnection(connectionId, sink);
        byId.put(connectionId, connection);
        return connection;
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
