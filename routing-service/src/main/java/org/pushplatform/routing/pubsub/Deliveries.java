package org.pushplatform.routing.pubsub;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.messaging.GatewayPublisher;

/** Answers a frame's sender, on the node and connection it came from. */
@ApplicationScoped
public class Deliveries {

    private final GatewayPublisher gateways;

    public Deliveries(GatewayPublisher gateways) {
        this.gateways = gateways;
    }

    public void reply(Envelope frame, String event, List<JsonNode> args) {
        gateways.emit(frame.nodeId(), List.of(frame.connectionId()), event, args);
    }
}
