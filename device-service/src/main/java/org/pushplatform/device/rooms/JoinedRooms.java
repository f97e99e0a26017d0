package org.pushplatform.device.rooms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The serial-number rooms each connection joined through this instance, so that a console's {@code remote_cmd}
 * reaches the devices whose rooms it is in. A connection's frames and its close reach one instance; what a restart
 * or a rebalance forgets, the console joins again. Bounded, oldest out.
 */
final class JoinedRooms {

    static final int MAX_CONNECTIONS = 100_000;

    private final Map<String, Set<String>> byConnection = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_CONNECTIONS;
        }
    };

    synchronized void joined(String connectionId, String room) {
        byConnection.computeIfAbsent(connectionId, id -> new java.util.LinkedHashSet<>()).add(room);
    }

    synchronized void left(String connectionId, String room) {
        Set<String> rooms = byConnection.get(connectionId);
        if (rooms != null) {
            rooms.remove(room);
            if (rooms.isEmpty()) {
                byConnection.remove(connectionId);
            }
        }
    }

    synchronized void closed(String connectionId) {
        byConnection.remove(connectionId);
    }

    synchronized Set<String> of(String connectionId) {
        Set<String> rooms = byConnection.get(connectionId);
        return rooms == null ? Set.of() : Set.copyOf(rooms);
    }
}
