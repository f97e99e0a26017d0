package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.routing.messaging.RepartitionPublisher;

/** Sends a delivery to identities wherever they are owned: one record per owning partition of {@code push.route.internal}. */
@ApplicationScoped
public class IdentityRouter {

    private final RepartitionPublisher repartition;

    public IdentityRouter(RepartitionPublisher repartition) {
        this.repartition = repartition;
    }

    /** @param template the delivery; its identity list is replaced by each partition's share of {@code targets} */
    public void route(List<Target> targets, RouteToIdentities template) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (Target target : targets) {
            byPartition.computeIfAbsent(target.partition(), p -> new ArrayList<>()).add(target.identityRef());
        }
        byPartition.forEach((partition, refs) -> repartition.send(partition, new RouteToIdentities(refs, template.api(),
            template.event(), template.args(), template.receiptId(), template.qos(), template.ackMode(), template.ackTimeoutMs(),
            template.ticket())));
    }
}
