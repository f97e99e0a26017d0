package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.RouteToSessions;
import org.pushplatform.routing.messaging.RoutePublisher;

/** Sends an event to sessions wherever they are owned: one record per owning partition of {@code push.route}. */
@ApplicationScoped
public class SessionRouter {

    private final RoutePublisher routes;

    public SessionRouter(RoutePublisher routes) {
        this.routes = routes;
    }

    /** @param receiptId null, or the stored message's id, for the gateways to answer with receipts */
    public void route(List<Target> targets, String event, List<JsonNode> args, String receiptId) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (Target target : targets) {
            byPartition.computeIfAbsent(target.partition(), p -> new ArrayList<>()).add(target.sessionId());
        }
        byPartition.forEach((partition, sessionIds) -> routes.send(partition, new RouteToSessions(sessionIds, event, args, receiptId)));
    }
}
