package org.pushplatform.routing.pubsub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;

/** Turns "these sessions get this event" into one record per gateway node, and answers a frame's sender. */
@ApplicationScoped
public class Deliveries {

    private final ConnectionRegistry connections;
    private final GatewayPublisher gateways;

    public Deliveries(ConnectionRegistry connections, GatewayPublisher gateways) {
        this.connections = connections;
        this.gateways = gateways;
    }

    /** @return how many connections the event was sent to */
    public int toSessions(Iterable<String> sessionIds, String event, List<JsonNode> args) {
        Map<String, List<String>> byNode = new HashMap<>();
        int count = 0;
        for (String sessionId : sessionIds) {
            for (ClientConnection connection : connections.connectionsOf(sessionId)) {
                byNode.computeIfAbsent(connection.nodeId(), n -> new ArrayList<>()).add(connection.connectionId());
                count++;
            }
        }
        byNode.forEach((nodeId, connectionIds) -> gateways.emit(nodeId, connectionIds, event, args));
        return count;
    }

    public void reply(Envelope frame, String event, List<JsonNode> args) {
        gateways.emit(frame.nodeId(), List.of(frame.connectionId()), event, args);
    }
}
