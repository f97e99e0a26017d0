package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.routing.messaging.RepartitionPublisher;
import org.pushplatform.routing.ownership.IdentityPartitions;

/**
 * Sends a delivery to identities wherever they are owned: to the connections of identities owned here at once, and
 * one record per other owning partition of {@code push.route.internal}.
 */
@ApplicationScoped
public class IdentityRouter {

    private final RepartitionPublisher repartition;
    private final IdentityPartitions partitions;
    private final ConnectionDelivery connections;

    public IdentityRouter(RepartitionPublisher repartition, IdentityPartitions partitions, ConnectionDelivery connections) {
        this.repartition = repartition;
        this.partitions = partitions;
        this.connections = connections;
    }

    /** @param template the delivery; its identity list is replaced by each partition's share of {@code targets} */
    public void route(List<Target> targets, RouteToIdentities template) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (Target target : targets) {
            byPartition.computeIfAbsent(target.partition(), p -> new ArrayList<>()).add(target.identityRef());
        }
        byPartition.forEach((partition, refs) -> {
            RouteToIdentities route = template.toIdentities(refs);
            if (partitions.routesDirectly(partition)) {
                connections.deliver(route);
            } else {
                repartition.send(partition, route);
            }
        });
    }
}
