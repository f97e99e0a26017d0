package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.RouteToSessions;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.pubsub.PubsubReplies;

/**
 * The owner's side of delivery: the connections of its own sessions, from memory, one record per gateway node;
 * and, when a session connects, what it has not received yet.
 */
@ApplicationScoped
public class SessionDelivery {

    private final ConnectionRegistry connections;
    private final GatewayPublisher gateways;
    private final MessageStore store;

    public SessionDelivery(ConnectionRegistry connections, GatewayPublisher gateways, MessageStore store) {
        this.connections = connections;
        this.gateways = gateways;
        this.store = store;
    }

    public void deliver(RouteToSessions route) {
        Map<String, List<String>> byNode = new HashMap<>();
        for (String sessionId : route.sessionIds()) {
            for (ClientConnection connection : connections.connectionsOf(sessionId)) {
                byNode.computeIfAbsent(connection.nodeId(), n -> new ArrayList<>()).add(connection.connectionId());
            }
        }
        byNode.forEach((nodeId, connectionIds) -> gateways.emit(nodeId, connectionIds, route.event(), route.args(), route.receiptId()));
    }

    /** Sends a connection what its session missed, oldest first. @return how many */
    public Uni<Integer> redeliver(ClientConnection connection) {
        return store.pendingFor(connection.sessionId()).invoke(pending -> pending.forEach(message ->
            gateways.emit(connection.nodeId(), List.of(connection.connectionId()), "message",
                PubsubReplies.message(message.eventTopic(), message.msg()), String.valueOf(message.id()))))
            .map(List::size);
    }
}
