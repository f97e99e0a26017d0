package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.messaging.MessageIds;
import org.pushplatform.routing.presence.GatewayLiveness;
import org.pushplatform.routing.quota.QuotaGuard;

/**
 * Carries out deliver commands for every API: a connection gets it from its node; a room from every live node,
 * which knows its local members; an identity or topic is resolved to identities, stored first at QoS 1 and 2, and
 * sent to each identity's owner (the repartition step), which knows its connections.
 */
@ApplicationScoped
public class DeliveryHub {

    /**
     * What became of a command here: how many identities (or nodes, for rooms) it went to; false when seen before;
     * why it was refused (a quota), or null.
     */
    public record Accepted(int targets, boolean isNew, String refusal) {

        public Accepted(int targets, boolean isNew) {
            this(targets, isNew, null);
        }

        static Accepted refused(String why) {
            return new Accepted(0, false, why);
        }
    }

    private final IdentityDirectory directory;
    private final DeliveryStore store;
    private final IdentityRouter router;
    private final GatewayPublisher gateways;
    private final GatewayLiveness liveness;
    private final Outcomes outcomes;
    private final QuotaGuard quota;
    private final MeterRegistry metrics;

    public DeliveryHub(IdentityDirectory directory, DeliveryStore store, IdentityRouter router, GatewayPublisher gateways,
                       GatewayLiveness liveness, Outcomes outcomes, QuotaGuard quota, MeterRegistry metrics) {
        this.directory = directory;
        this.store = store;
        this.router = router;
        this.gateways = gateways;
        this.liveness = liveness;
        this.outcomes = outcomes;
        this.quota = quota;
        this.metrics = metrics;
    }

    /**
     * One deliver command and who asked.
     *
     * @param publisher the identity that published it, told of its first receiver (pubsub's recvack); may be null
     * @param sourceId  the id of the record asking, so that asking twice stores once; may be null
     * @param trace     the {@code traceparent} of the sampled trace it is part of, or null
     */
    public record Request(Deliver command, Target publisher, String sourceId, String trace) {

        public Request(Deliver command, Target publisher, String sourceId) {
            this(command, publisher, sourceId, null);
        }
    }

    public Uni<Accepted> deliver(Deliver command, Target publisher, String sourceId) {
        return deliverAll(List.of(new Request(command, publisher, sourceId))).map(all -> all.get(0));
    }

    /**
     * Carries out many deliver commands together: addresses resolved in one statement per kind, stored deliveries in
     * one statement. @return what became of each, in order
     */
    public Uni<List<Accepted>> deliverAll(List<Request> asked) {
        List<Request> requests = asked.stream().map(r -> r.command().messageId() != null ? r
            : new Request(withMessageId(r.command()), r.publisher(), r.sourceId(), r.trace())).toList();
        Accepted[] results = new Accepted[requests.size()];
        List<Integer> resolving = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Deliver command = requests.get(i).command();
            String problem = DeliverRules.problemOf(command);
            if (problem != null) {
                metrics.counter("push_delivery_commands_rejected_total", "reason", "invalid").increment();
                outcomes.failed(Outcomes.ticketOf(command), DeliveryOutcome.Reason.INVALID, null);
                results[i] = new Accepted(0, false);
            } else if (command.to() instanceof Address.Connection connection && liveness.isGone(connection.nodeId())) {
                // its node is dead or was never there: nobody would answer for it
                outcomes.failed(Outcomes.ticketOf(command), DeliveryOutcome.Reason.CONNECTION_GONE, connection.connectionId());
                results[i] = new Accepted(0, true);
            } else if (command.to() instanceof Address.Connection connection) {
                gateways.emit(connection.nodeId(), emit(requests.get(i), List.of(connection.connectionId()), null));
                results[i] = new Accepted(1, true);
            } else if (command.to() instanceof Address.Room room) {
                var nodes = liveness.liveNodes();
                Request request = requests.get(i);
                nodes.forEach(nodeId -> gateways.emit(nodeId, emit(request, null, room)));
                if (nodes.isEmpty()) {
                    outcomes.failed(Outcomes.ticketOf(command), DeliveryOutcome.Reason.OFFLINE, null);
                }
                results[i] = new Accepted(nodes.size(), true);
            } else {
                resolving.add(i);
            }
        }
        if (resolving.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        List<Address> addresses = resolving.stream().map(i -> requests.get(i).command().to()).toList();
        List<String> apis = resolving.stream().map(i -> requests.get(i).command().api()).toList();
        return directory.resolveAll(addresses, apis).flatMap(targets -> {
            List<Request> resolved = new ArrayList<>(resolving.size());
            for (int j = 0; j < resolving.size(); j++) {
                Request request = requests.get(resolving.get(j));
                Deliver command = request.command();
                if (targets.get(j).isEmpty() && command.to() instanceof Address.Identity identity
                    && !IdentityKinds.ALIAS.equals(identity.kind())) {
                    outcomes.failed(Outcomes.ticketOf(command), DeliveryOutcome.Reason.NO_SUCH_IDENTITY, null);
                }
                resolved.add(request);
            }
            return toIdentitiesAll(resolved, targets);
        }).map(accepted -> {
            for (int j = 0; j < resolving.size(); j++) {
                results[resolving.get(j)] = accepted.get(j);
            }
            return List.of(results);
        });
    }

    /** Resolved: one delivery to identities, see {@link #toIdentitiesAll}. */
    public Uni<Accepted> toIdentities(Deliver command, List<Target> targets, Target publisher, String sourceId) {
        return toIdentitiesAll(List.of(new Request(command, publisher, sourceId)), List.of(targets)).map(all -> all.get(0));
    }

    /** Resolved: QoS 0 goes to who is connected; QoS 1 and 2 are stored for every target first (one statement), then sent. */
    private Uni<List<Accepted>> toIdentitiesAll(List<Request> requests, List<List<Target>> targets) {
        Accepted[] results = new Accepted[requests.size()];
        List<Integer> storing = new ArrayList<>();
        List<DeliveryStore.NewDelivery> toStore = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            Deliver command = request.command();
            Ack ack = command.ackOrDefault();
            DeliveryTicket ticket = Outcomes.ticketOf(command);
            if (command.qos() == 0) {
                router.route(targets.get(i), route(request, ack, ticket, null));
                results[i] = new Accepted(targets.get(i).size(), true);
            } else if (targets.get(i).isEmpty()) {
                // nobody to keep it for (an API none of the address's identities speaks): nothing is stored
                results[i] = new Accepted(0, true);
            } else {
                storing.add(i);
                String sourceId = request.sourceId() == null ? "gen:" + UUID.randomUUID() : request.sourceId();
                toStore.add(new DeliveryStore.NewDelivery(command.app(), command.api(), command.event(), command.args(), command.qos(),
                    command.messageId(), sourceId, request.publisher(), DeliverRules.ttlOf(command), ack.mode().name(), ticket,
                    DeliverRules.onceScopeOf(command, request.publisher())));
            }
        }
        if (storing.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        return quota.storedRefusals(toStore.stream().map(DeliveryStore.NewDelivery::app).toList(),
            toStore.stream().map(DeliveryStore.NewDelivery::storedBytes).toList()).flatMap(refusals -> {
            List<Integer> admitted = new ArrayList<>(storing.size());
            List<DeliveryStore.NewDelivery> admittedDeliveries = new ArrayList<>(storing.size());
            for (int j = 0; j < storing.size(); j++) {
                String refusal = refusals.get(j);
                if (refusal == null) {
                    admitted.add(storing.get(j));
                    admittedDeliveries.add(toStore.get(j));
                } else {
                    outcomes.failed(toStore.get(j).ticket(), DeliveryOutcome.Reason.QUOTA, null);
                    results[storing.get(j)] = Accepted.refused(refusal);
                }
            }
            return store(requests, targets, admitted, admittedDeliveries, results);
        });
    }

    /** QoS 1 and 2 deliveries within their apps' quotas: stored for every target (one statement), then sent. */
    private Uni<List<Accepted>> store(List<Request> requests, List<List<Target>> targets, List<Integer> storing,
                                      List<DeliveryStore.NewDelivery> toStore, Accepted[] results) {
        if (storing.isEmpty()) {
            return Uni.createFrom().item(List.of(results));
        }
        List<List<Target>> storedTargets = storing.stream().map(targets::get).toList();
        return store.storeAll(toStore, storedTargets).onFailure().invoke(failure -> toStore.forEach(
            delivery -> quota.storedSettled(delivery.app(), delivery.storedBytes(), null))).map(stored -> {
            for (int j = 0; j < storing.size(); j++) {
                int i = storing.get(j);
                Request request = requests.get(i);
                DeliveryStore.StoredDelivery result = stored.get(j);
                // counted as in flight since admitted; a repeat (QoS 2, or a record read again) stored nothing
                quota.storedSettled(toStore.get(j).app(), toStore.get(j).storedBytes(), result.writtenIn());
                router.route(result.pending(), route(request, request.command().ackOrDefault(), toStore.get(j).ticket(),
                    String.valueOf(result.id())));
                results[i] = new Accepted(targets.get(i).size(), !result.seenBefore());
            }
            return List.of(results);
        });
    }

    private static RouteToIdentities route(Request request, Ack ack, DeliveryTicket ticket, String receiptId) {
        Deliver command = request.command();
        return new RouteToIdentities(List.of(), command.api(), command.event(), command.args(), receiptId, command.qos(),
            ack.mode().name(), ack.mode() == Ack.Mode.CLIENT ? ack.timeoutOrDefault() : null, ticket, command.except(), request.trace());
    }

    private static EmitToConnections emit(Request request, List<String> connectionIds, Address.Room room) {
        Deliver command = request.command();
        Ack ack = command.ackOrDefault();
        // the app goes with every emit: the gateway writes none to a connection of another app
        // QoS 2 to a connection: written at most once to it under the message id, however often it is asked
        String onceId = command.qos() == 2 && command.to() instanceof Address.Connection ? command.messageId() : null;
        return new EmitToConnections(connectionIds, command.event(), command.args(), null, room == null ? null : room.room(),
            command.to().app(), command.api(), ack.mode().name(),
            ack.mode() == Ack.Mode.CLIENT ? ack.timeoutOrDefault() : null, Outcomes.ticketOf(command), command.replyTo(), onceId, null,
            request.trace());
    }

    static Deliver withMessageId(Deliver c) {
        return new Deliver(c.to(), c.api(), c.event(), c.args(), c.qos(), c.ttlSeconds(), c.ack(), MessageIds.next(), c.requester(),
            c.replyTo(), c.except());
    }
}
