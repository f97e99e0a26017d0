package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;

/**
 * The owner's side of delivery: the connections of its own identities that speak the delivery's API, from memory,
 * one record per gateway node; and, when an identity connects, what it has not received yet.
 */
@ApplicationScoped
public class ConnectionDelivery {

    private final ConnectionRegistry connections;
    private final GatewayPublisher gateways;
    private final DeliveryStore store;
    private final Outcomes outcomes;

    public ConnectionDelivery(ConnectionRegistry connections, GatewayPublisher gateways, DeliveryStore store, Outcomes outcomes) {
        this.connections = connections;
        this.gateways = gateways;
        this.store = store;
        this.outcomes = outcomes;
    }

    public void deliver(RouteToIdentities route) {
        Map<NodeOfApp, List<String>> byNode = new HashMap<>();
        for (String identityRef : route.identityRefs()) {
            int reached = 0;
            for (ClientConnection connection : connections.connectionsOf(identityRef)) {
                if ((route.api() == null || route.api().equals(connection.api())) && !connection.connectionId().equals(route.except())) {
                    byNode.computeIfAbsent(new NodeOfApp(connection.nodeId(), connection.app()), n -> new ArrayList<>())
                        .add(connection.connectionId());
                    reached++;
                }
            }
            if (reached == 0 && route.qos() == 0 && route.ticket() != null) {
                outcomes.failed(route.ticket(), DeliveryOutcome.Reason.OFFLINE, null);
            }
        }
        byNode.forEach((node, connectionIds) -> gateways.emit(node.nodeId(), new EmitToConnections(connectionIds, route.event(),
            route.args(), route.receiptId(), null, node.app(), route.api(), route.ackMode(), route.ackTimeoutMs(), route.ticket(), null,
            null, null, route.trace())));
    }

    /** The connections of one app on one node get one record (the gateway checks each is of that app). */
    private record NodeOfApp(String nodeId, String app) {
    }

    /** Sends a connection what its identity missed in its API, oldest first. @return how many */
    public Uni<Integer> redeliver(ClientConnection connection) {
        return redeliver(connection, null);
    }

    /**
     * As {@link #redeliver(ClientConnection)}; what was stored before {@code maybeSentBefore} may have reached an earlier
     * connection of the identity and goes marked as a redelivery (MQTT's DUP).
     */
    public Uni<Integer> redeliver(ClientConnection connection, java.time.Instant maybeSentBefore) {
        return store.pendingFor(connection.identityRef(), connection.api(), maybeSentBefore)
            .invoke(pending -> pending.forEach(delivery -> sendStored(connection, delivery)))
            .map(List::size);
    }

    /** Sends an overdue stored delivery again to its identity's connections of its API. */
    public void resend(DeliveryStore.Overdue overdue) {
        for (ClientConnection connection : connections.connectionsOf(overdue.identityRef())) {
            if (overdue.api().equals(connection.api())) {
                sendStored(connection, overdue.delivery());
            }
        }
    }

    /** A stored delivery to one connection, under its id: the gateway writes it at most once per connection. */
    private void sendStored(ClientConnection connection, DeliveryStore.PendingDelivery delivery) {
        gateways.emit(connection.nodeId(), new EmitToConnections(List.of(connection.connectionId()), delivery.event(), delivery.args(),
            String.valueOf(delivery.id()), null, connection.app(), connection.api(), delivery.ackMode(), null, delivery.ticket(), null,
            null, delivery.maybeSent() ? Boolean.TRUE : null));
    }
}
