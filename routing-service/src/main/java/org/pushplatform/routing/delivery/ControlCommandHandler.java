package org.pushplatform.routing.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.routing.identity.IdentityRepository;
import org.pushplatform.routing.identity.TopicSubscriptionRepository;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ConnectionRegistry;

/** Carries out the commands that change who gets what: bind, rooms, topic subscriptions, disconnect. */
@ApplicationScoped
public class ControlCommandHandler {

    private static final Logger LOG = Logger.getLogger(ControlCommandHandler.class);

    private final Bindings bindings;
    private final ConnectionDelivery delivery;
    private final IdentityRepository identities;
    private final TopicSubscriptionRepository subscriptions;
    private final ConnectionRegistry connections;
    private final GatewayPublisher gateways;
    private final Outcomes outcomes;
    private final MeterRegistry metrics;

    public ControlCommandHandler(Bindings bindings, ConnectionDelivery delivery, IdentityRepository identities,
                                 TopicSubscriptionRepository subscriptions, ConnectionRegistry connections,
                                 GatewayPublisher gateways, Outcomes outcomes, MeterRegistry metrics) {
        this.outcomes = outcomes;
        this.bindings = bindings;
        this.delivery = delivery;
        this.identities = identities;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.gateways = gateways;
        this.metrics = metrics;
    }

    /** The connection's frames are keyed by the identity from now on, and it gets what the identity missed. */
    public Uni<Void> bind(ControlCommands.BindIdentity command) {
        DeliveryTicket ticket = ticketOf(command.messageId(), command.requester(), command.connection());
        return bindings.bind(command.connection(), command.identity(), command.api(), null).flatMap(bound -> {
            if (bound.refusal() != null) {
                LOG.infof("[%s] not bound: %s", command.connection().connectionId(), bound.refusal());
                control(command.connection(), EnvelopeTypes.DISCONNECT, null, null, bound.refusal(), null);
                outcomes.failed(ticket, DeliveryOutcome.Reason.QUOTA, command.connection().connectionId());
                return Uni.createFrom().item(0);
            }
            control(command.connection(), EnvelopeTypes.BOUND, null, command.identity().key(), null, ticket);
            return bound.repeated() ? Uni.createFrom().item(0) : delivery.redeliver(bound.connection());
        }).replaceWithVoid();
    }

    public void joinRoom(ControlCommands.JoinRoom command) {
        control(command.connection(), EnvelopeTypes.JOIN_ROOM, command.room(), null, null,
            ticketOf(command.messageId(), command.requester(), command.connection()));
    }

    public void leaveRoom(ControlCommands.LeaveRoom command) {
        control(command.connection(), EnvelopeTypes.LEAVE_ROOM, command.room(), null, null,
            ticketOf(command.messageId(), command.requester(), command.connection()));
    }

    /** Where the outcome of a command goes when its requester asked when it takes effect; null when nobody did. */
    private static DeliveryTicket ticketOf(String messageId, String requester, Address.Connection connection) {
        return requester == null ? null : new DeliveryTicket(messageId, requester, EnvelopeCodec.toJson(connection));
    }

    public Uni<Void> subscribe(ControlCommands.Subscribe command) {
        Address.Identity identity = command.identity();
        return identities.seen(identity.app(), identity.kind(), identity.id(), null, false)
            .flatMap(ref -> Panache.withTransaction(() -> subscriptions.subscribe(identity.app(), command.topic(), ref))).replaceWithVoid();
    }

    public Uni<Void> unsubscribe(ControlCommands.Unsubscribe command) {
        Address.Identity identity = command.identity();
        return Panache.withTransaction(() -> identities.find(identity.app(), identity.kind(), identity.id())
            .flatMap(found -> found == null ? Uni.createFrom().item(false)
                : subscriptions.unsubscribe(identity.app(), command.topic(), found.ref))).replaceWithVoid();
    }

    /** A connection, or every connection of an identity (owned here, as the command is keyed by it). */
    public Uni<Void> disconnect(ControlCommands.Disconnect command) {
        if (command.target() instanceof Address.Connection connection) {
            control(connection, EnvelopeTypes.DISCONNECT, null, null, command.reason(), null);
            return Uni.createFrom().voidItem();
        }
        if (command.target() instanceof Address.Identity identity) {
            return Panache.withSession(() -> identities.find(identity.app(), identity.kind(), identity.id())).invoke(found -> {
                if (found != null) {
                    connections.connectionsOf(found.ref).forEach(c -> gateways.control(c.nodeId(), EnvelopeTypes.DISCONNECT,
                        new GatewayControl(c.connectionId(), c.app(), null, null, command.reason())));
                }
            }).replaceWithVoid();
        }
        metrics.counter("push_delivery_commands_rejected_total", "reason", "invalid").increment();
        LOG.warnf("[routing] disconnect of a %s is not possible", command.target() == null ? "missing address" : "topic or room");
        return Uni.createFrom().voidItem();
    }

    private void control(Address.Connection connection, String type, String room, String routingKey, String reason, DeliveryTicket ticket) {
        gateways.control(connection.nodeId(), type, new GatewayControl(connection.connectionId(), connection.app(), room, routingKey, reason,
            ticket));
    }
}
