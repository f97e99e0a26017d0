package org.pushplatform.routing.presence;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * In-memory index of the live connections of the identities this instance owns: by connection id, and by identity.
 * {@link LiveConnectionStore} keeps the same in PostgreSQL for whoever owns the partition next.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, ClientConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> connectionsByIdentity = new ConcurrentHashMap<>();
    private final PresenceListener presence;

    /** Every API's listener is told (the presence events and pubsub's presence, MQTT's wills, ...). */
    @jakarta.inject.Inject
    public ConnectionRegistry(jakarta.enterprise.inject.Instance<PresenceListener> listeners) {
        this(new AllListeners(listeners.stream().toList()));
    }

    public ConnectionRegistry(PresenceListener presence) {
        this.presence = presence;
    }

    private record AllListeners(java.util.List<PresenceListener> listeners) implements PresenceListener {
        @Override
        public void online(ClientConnection connection, boolean identityCameOnline) {
            listeners.forEach(l -> l.online(connection, identityCameOnline));
        }

        @Override
        public void offline(ClientConnection connection, boolean identityWentOffline) {
            listeners.forEach(l -> l.offline(connection, identityWentOffline));
        }
    }

    public Optional<ClientConnection> find(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    /** Binds a connection to its identity (replacing an earlier binding of the same connection). */
    public void bind(ClientConnection connection) {
        ClientConnection previous = byConnection.get(connection.connectionId());
        if (connection.equals(previous)) {
            return;
        }
        if (previous != null) {
            closed(previous.connectionId());
        }
        boolean first = index(connection);
        presence.online(connection, first);
    }

    public Optional<ClientConnection> closed(String connectionId) {
        ClientConnection removed = byConnection.remove(connectionId);
        if (removed != null) {
            presence.offline(removed, unindex(removed));
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

    /** Takes over the connections of partitions just assigned, silently: they were announced by their first owner. */
    public void restore(Collection<ClientConnection> connections) {
        connections.forEach(this::index);
    }

    /** Drops the connections of partitions taken away, silently: their new owner carries on. */
    public void forget(Collection<Integer> partitions) {
        byConnection.values().stream().filter(c -> partitions.contains(c.partition())).toList().forEach(c -> {
            byConnection.remove(c.connectionId());
            unindex(c);
        });
    }

    public List<ClientConnection> connectionsOf(String identityRef) {
        Set<String> ids = connectionsByIdentity.getOrDefault(identityRef, Set.of());
        return ids.stream().map(byConnection::get).filter(c -> c != null).toList();
    }

    /** Every identity with a connection owned here. */
    public Set<String> connectedIdentities() {
        return Set.copyOf(connectionsByIdentity.keySet());
    }

    public int size() {
        return byConnection.size();
    }

    /** @return true when the connection is its identity's first */
    private boolean index(ClientConnection connection) {
        byConnection.put(connection.connectionId(), connection);
        Set<String> ids = connectionsByIdentity.computeIfAbsent(connection.identityRef(), s -> ConcurrentHashMap.newKeySet());
        ids.add(connection.connectionId());
        return ids.size() == 1;
    }

    /** @return true when the identity has no connection left */
    private boolean unindex(ClientConnection connection) {
        boolean[] last = {false};
        connectionsByIdentity.computeIfPresent(connection.identityRef(), (identity, ids) -> {
            ids.remove(connection.connectionId());
            last[0] = ids.isEmpty();
            return ids.isEmpty() ? null : ids;
        });
        return last[0];
    }
}
