package org.pushplatform.routing.presence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** In-memory index of live connections: by connection id, and by the session each is bound to. */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, ClientConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> connectionsBySession = new ConcurrentHashMap<>();
    private final PresenceListener presence;

    public ConnectionRegistry(PresenceListener presence) {
        this.presence = presence;
    }

    public void opened(String connectionId, String nodeId) {
        byConnection.putIfAbsent(connectionId, new ClientConnection(connectionId, nodeId, null, null));
    }

    public Optional<ClientConnection> find(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    /** Binds a connection to its session (replacing an earlier binding of the same connection). */
    public ClientConnection bind(String connectionId, String nodeId, String appkey, String sessionId) {
        ClientConnection previous = byConnection.get(connectionId);
        if (previous != null && previous.isBound()) {
            unindex(previous);
        }
        ClientConnection bound = new ClientConnection(connectionId, nodeId, appkey, sessionId);
        byConnection.put(connectionId, bound);
        connectionsBySession.computeIfAbsent(sessionId, s -> ConcurrentHashMap.newKeySet()).add(connectionId);
        presence.online(bound);
        return bound;
    }

    public Optional<ClientConnection> closed(String connectionId) {
        ClientConnection removed = byConnection.remove(connectionId);
        if (removed != null && removed.isBound()) {
            unindex(removed);
            presence.offline(removed);
        }
        return Optional.ofNullable(removed);
    }

    /** Forgets every connection of a gateway node that died or restarted; returns how many. */
    public int closeNode(String nodeId) {
        List<String> ids = byConnection.values().stream().filter(c -> c.nodeId().equals(nodeId))
            .map(ClientConnection::connectionId).toList();
        ids.forEach(this::closed);
        return ids.size();
    }

    public List<ClientConnection> connectionsOf(String sessionId) {
        Set<String> ids = connectionsBySession.getOrDefault(sessionId, Set.of());
        return ids.stream().map(byConnection::get).filter(c -> c != null).toList();
    }

    private void unindex(ClientConnection connection) {
        connectionsBySession.computeIfPresent(connection.sessionId(), (session, ids) -> {
            ids.remove(connection.connectionId());
            return ids.isEmpty() ? null : ids;
        });
    }
}
