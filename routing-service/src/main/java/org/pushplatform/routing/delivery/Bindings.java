package org.pushplatform.routing.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.routing.identity.IdentityRepository;
import org.pushplatform.routing.ownership.IdentityPartitions;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.presence.GatewayLiveness;
import org.pushplatform.routing.presence.LiveConnectionStore;
import org.pushplatform.routing.quota.QuotaGuard;

/**
 * Binds a connection to an identity (made on first use): recorded in PostgreSQL for takeover, and in memory when
 * this instance owns the identity's partition. What the identity missed is sent by {@link ConnectionDelivery#redeliver}.
 */
@ApplicationScoped
public class Bindings {

    private static final Logger LOG = Logger.getLogger(Bindings.class);

    private final IdentityRepository identities;
    private final LiveConnectionStore liveConnections;
    private final ConnectionRegistry connections;
    private final IdentityPartitions partitions;
    private final GatewayLiveness liveness;
    private final QuotaGuard quotas;

    public Bindings(IdentityRepository identities, LiveConnectionStore liveConnections, ConnectionRegistry connections,
                    IdentityPartitions partitions, GatewayLiveness liveness, QuotaGuard quotas) {
        this.identities = identities;
        this.liveConnections = liveConnections;
        this.connections = connections;
        this.partitions = partitions;
        this.liveness = liveness;
        this.quotas = quotas;
    }

    /**
     * A connection bound to an identity; {@code repeated} when it was bound to it already (a second connect); or,
     * with no connection, why it was refused (its app's connection quota).
     */
    public record Bound(ClientConnection connection, boolean repeated, String refusal) {
    }

    /**
     * Binds unless a connection new here would pass its app's connection quota.
     *
     * @param idleExpiry for an identity new here, how long after its last connection closed it is removed; null: never
     */
    public Uni<Bound> bind(Address.Connection connection, Address.Identity identity, String api, java.time.Duration idleExpiry) {
        return bind(connection, identity, api, idleExpiry, false);
    }

    /** As {@link #bind}, the expiry holding for an identity that exists too: an MQTT session's, which each CONNECT says. */
    public Uni<Bound> bindSession(Address.Connection connection, Address.Identity identity, String api, java.time.Duration expiry) {
        return bind(connection, identity, api, expiry, true);
    }

    private Uni<Bound> bind(Address.Connection connection, Address.Identity identity, String api, java.time.Duration idleExpiry,
                            boolean expiryHolds) {
        if (connections.find(connection.connectionId()).isPresent()) {
            return bindWithinQuota(connection, identity, api, idleExpiry, expiryHolds, false);
        }
        return quotas.connectionRefusal(identity.app()).flatMap(refused -> refused != null
            ? Uni.createFrom().item(new Bound(null, false, refused))
            // admitted: counted as in flight until its row is written (or not)
            : bindWithinQuota(connection, identity, api, idleExpiry, expiryHolds, true)
                .onFailure().invoke(failure -> quotas.connectionSettled(identity.app(), null)));
    }

    private Uni<Bound> bindWithinQuota(Address.Connection connection, Address.Identity identity, String api,
                                       java.time.Duration idleExpiry, boolean expiryHolds, boolean admitted) {
        return identities.seen(identity.app(), identity.kind(), identity.id(), idleExpiry, expiryHolds)
            .flatMap(ref -> {
                var bound = new ClientConnection(connection.connectionId(), connection.nodeId(), identity.app(), ref,
                    partitions.partitionOfKey(identity.key()), api);
                boolean repeated = connections.find(connection.connectionId()).map(bound::equals).orElse(false);
                return liveConnections.save(bound, liveness.bootIdOf(connection.nodeId())).map(writtenIn -> {
                    if (admitted) {
                        quotas.connectionSettled(identity.app(), writtenIn);
                    }
                    // a partition taken away meanwhile: its new owner finds the connection in PostgreSQL
                    if (partitions.owns(bound.partition())) {
                        connections.bind(bound);
                    }
                    LOG.debugf("[%s] bound to %s %s of app %s (%s)", connection.connectionId(), identity.kind(), identity.id(),
                        identity.app(), ref);
                    return new Bound(bound, repeated, null);
                });
            });
    }
}
