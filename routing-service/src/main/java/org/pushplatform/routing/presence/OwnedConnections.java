package org.pushplatform.routing.presence;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.ownership.IdentityPartitions;

/**
 * A connection of an identity this instance owns: from memory, or, when a partition changed hands while its
 * previous owner was still binding the connection, from PostgreSQL (and kept in memory from then on).
 */
@ApplicationScoped
public class OwnedConnections {

    private final ConnectionRegistry connections;
    private final LiveConnectionStore liveConnections;
    private final IdentityPartitions partitions;

    public OwnedConnections(ConnectionRegistry connections, LiveConnectionStore liveConnections, IdentityPartitions partitions) {
        this.connections = connections;
        this.liveConnections = liveConnections;
        this.partitions = partitions;
    }

    public Uni<Optional<ClientConnection>> find(String connectionId) {
        Optional<ClientConnection> known = connections.find(connectionId);
        if (known.isPresent()) {
            return Uni.createFrom().item(known);
        }
        return liveConnections.find(connectionId).map(stored -> stored.filter(c -> partitions.owns(c.partition())))
            .invoke(taken -> taken.ifPresent(c -> connections.restore(List.of(c))));
    }
}
