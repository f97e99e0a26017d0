package org.pushplatform.gateway.session;

import org.pushplatform.contract.Transports;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The connections this node holds, by connection id, whatever their protocol, and the rooms they joined. Holds
 * only sockets: losing it loses nothing durable.
 */
@ApplicationScoped
public class LocalConnections {

    private final Map<String, LocalConnection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<LocalConnection>> byRoom = new ConcurrentHashMap<>();

    /** The connection, added now if this is the first we hear of it (its first frame may beat its connect event). */
    public LocalConnection getOrAdd(String connectionId, String api, String service, Supplier<ClientSink> sink) {
        return getOrAdd(connectionId, api, service, null, sink);
    }

    /** @param app the app its listener serves, or null when the client names it in a frame */
    public LocalConnection getOrAdd(String connectionId, String api, String service, String app, Supplier<ClientSink> sink) {
        return byId.computeIfAbsent(connectionId, id -> new LocalConnection(id, api, service, app, Transports.SOCKET_IO, sink.get()));
    }

    /** A connection whose listener knows its app from the start (a push-server listener serves one app). */
    public LocalConnection add(LocalConnection connection) {
        byId.put(connection.connectionId(), connection);
        return connection;
    }

    /** Live connections by {@code <api>/<transport>}, for the node's heartbeats: one pass every few seconds. */
    public Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (LocalConnection connection : byId.values()) {
            counts.merge(Transports.countKey(connection.api(), connection.transport()), 1, Integer::sum);
        }
        return counts;
    }

    public void remove(String connectionId) {
        LocalConnection removed = byId.remove(connectionId);
        if (removed != null) {
            removed.rooms().forEach(room -> leave(removed, room));
        }
    }

    /** Closes every connection opened before the instant. @return how many */
    public int closeOpenedBefore(long instant) {
        int closed = 0;
        for (LocalConnection connection : byId.values()) {
            if (connection.openedAt() < instant && connection.close()) {
                closed++;
            }
        }
        return closed;
    }

    /** Closes every connection (a node being drained). */
    public void closeAll() {
        byId.values().forEach(LocalConnection::close);
    }

    public LocalConnection get(String connectionId) {
        return byId.get(connectionId);
    }

    public void join(LocalConnection connection, String app, String room) {
        String key = roomKey(app, room);
        connection.rooms().add(key);
        byRoom.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(connection);
        if (!byId.containsKey(connection.connectionId())) {
            // closed meanwhile: its removal may have missed this room
            leave(connection, key);
        }
    }

    public void leave(LocalConnection connection, String app, String room) {
        leave(connection, roomKey(app, room));
    }

    /** The local members of a room of an app. */
    public List<LocalConnection> inRoom(String app, String room) {
        return List.copyOf(byRoom.getOrDefault(roomKey(app, room), Set.of()));
    }

    public int size() {
        return byId.size();
    }

    private void leave(LocalConnection connection, String key) {
        connection.rooms().remove(key);
        byRoom.computeIfPresent(key, (k, members) -> {
            members.remove(connection);
            return members.isEmpty() ? null : members;
        });
    }

    private static String roomKey(String app, String room) {
        return app + '/' + room;
    }
}
