package org.pushplatform.routing.inbound;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RouteToIdentities;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryLimits;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.routing.delivery.ConnectionDelivery;
import org.pushplatform.routing.delivery.ControlCommandHandler;
import org.pushplatform.routing.delivery.DeliveryHub;
import org.pushplatform.routing.delivery.Outcomes;
import org.pushplatform.routing.delivery.Receipts;
import org.pushplatform.routing.mqtt.MqttFrames;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.pubsub.PubsubFrameDispatcher;
import org.pushplatform.routing.pubsub.PublishFrames;
import org.pushplatform.routing.push.PushFrames;

/**
 * Sends each record of the owned partitions to its handler: connection lifecycle and receipts from gateways,
 * delivery commands, the repartition step, and the client frames of each API to that API's rules.
 */
@ApplicationScoped
public class RecordDispatcher {

    private static final Logger LOG = Logger.getLogger(RecordDispatcher.class);

    private final ConnectionRegistry connections;
    private final ConnectionDelivery connectionDelivery;
    private final Receipts receipts;
    private final DeliveryHub hub;
    private final ControlCommandHandler control;
    private final PubsubFrameDispatcher pubsub;
    private final PushFrames push;
    private final PublishFrames publishes;
    private final MqttFrames mqtt;
    private final MeterRegistry metrics;
    private final OwnContext work;
    private final Outcomes outcomes;
    private final Tracer tracer;

    public RecordDispatcher(ConnectionRegistry connections, ConnectionDelivery connectionDelivery, Receipts receipts, DeliveryHub hub,
                            ControlCommandHandler control, PubsubFrameDispatcher pubsub, PushFrames push, PublishFrames publishes,
                            MqttFrames mqtt, MeterRegistry metrics, OwnContext work, Outcomes outcomes, Tracer tracer) {
        this.tracer = tracer;
        this.mqtt = mqtt;
        this.outcomes = outcomes;
        this.push = push;
        this.work = work;
        this.publishes = publishes;
        this.connections = connections;
        this.connectionDelivery = connectionDelivery;
        this.receipts = receipts;
        this.hub = hub;
        this.control = control;
        this.pubsub = pubsub;
        this.metrics = metrics;
    }

    /** The records a handler takes many at a time, with one statement. */
    enum Batch { RECEIPTS, PUBLISHES, PUSH_PUBLISHES, MQTT_PUBLISHES, DELIVER_COMMANDS }

    /** Which batch handler takes this record, or null when it is handled alone. */
    static Batch batchOf(Envelope envelope) {
        if (EnvelopeTypes.DELIVERY_RECEIPT.equals(envelope.type())) {
            return Batch.RECEIPTS;
        } else if (PublishFrames.isPublish(envelope)) {
            return Batch.PUBLISHES;
        } else if (PushFrames.isPublish(envelope)) {
            return Batch.PUSH_PUBLISHES;
        } else if (MqttFrames.isPublish(envelope)) {
            return Batch.MQTT_PUBLISHES;
        } else if (Deliver.TYPE.equals(envelope.type())) {
            return Batch.DELIVER_COMMANDS;
        }
        return null;
    }

    /**
     * Handles one round of a poll: records of different keys, side by side; a round's receipts, its publish frames
     * and its deliver commands each together, in the round's order (a key's run of them is in one round). Each unit that fails for good is logged and counted, and the round
     * goes on.
     */
    public Uni<Void> dispatchRound(List<Envelope> round) {
        RoundTraces traces = new RoundTraces();
        return dispatchAll(traces.continued(tracer, round)).onTermination().invoke(traces::end);
    }

    private Uni<Void> dispatchAll(List<Envelope> round) {
        List<Uni<Void>> units = new ArrayList<>(round.size());
        List<Envelope> storedReceipts = new ArrayList<>();
        List<Envelope> publishFrames = new ArrayList<>();
        List<Envelope> pushPublishFrames = new ArrayList<>();
        List<Envelope> mqttPublishFrames = new ArrayList<>();
        List<Envelope> deliverCommands = new ArrayList<>();
        for (Envelope envelope : round) {
            Batch batch = batchOf(envelope);
            if (batch == null) {
                units.add(work.run("[" + envelope.connectionId() + "] " + envelope.type(), () -> dispatch(envelope),
                    failure -> failed(envelope.type(), envelope.connectionId(), failure)));
            } else {
                (switch (batch) {
                    case RECEIPTS -> storedReceipts;
                    case PUBLISHES -> publishFrames;
                    case PUSH_PUBLISHES -> pushPublishFrames;
                    case MQTT_PUBLISHES -> mqttPublishFrames;
                    case DELIVER_COMMANDS -> deliverCommands;
                }).add(envelope);
            }
        }
        if (!storedReceipts.isEmpty()) {
            units.add(work.runTogether("[routing] " + storedReceipts.size() + " receipts", storedReceipts, receipts::receivedAll,
                (record, failure) -> failed(EnvelopeTypes.DELIVERY_RECEIPT, record.connectionId(), failure)));
        }
        if (!publishFrames.isEmpty()) {
            units.add(work.runTogether("[routing] " + publishFrames.size() + " publish frames", publishFrames, publishes::handleAll,
                (record, failure) -> failed("pubsub.publish", record.connectionId(), failure)));
        }
        if (!pushPublishFrames.isEmpty()) {
            units.add(work.runTogether("[routing] " + pushPublishFrames.size() + " do_push frames", pushPublishFrames, push::publishAll,
                (record, failure) -> failed("push.do_push", record.connectionId(), failure)));
        }
        if (!mqttPublishFrames.isEmpty()) {
            units.add(work.runTogether("[routing] " + mqttPublishFrames.size() + " MQTT PUBLISH frames", mqttPublishFrames, mqtt::publishAll,
                (record, failure) -> failed("mqtt.publish", record.connectionId(), failure)));
        }
        if (!deliverCommands.isEmpty()) {
            units.add(work.runTogether("[routing] " + deliverCommands.size() + " deliver commands", deliverCommands, this::deliverAll,
                this::deliverFailed));
        }
        return units.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(units).andFailFast().replaceWithVoid();
    }

    private Uni<Void> deliverAll(List<Envelope> envelopes) {
        List<DeliveryHub.Request> requests = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            try {
                requests.add(new DeliveryHub.Request((Deliver) DeliveryRecords.payloadOf(envelope), null, "route:" + envelope.messageId(),
                    envelope.trace()));
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", "route", "reason", "malformed").increment();
            }
        }
        return hub.deliverAll(requests).replaceWithVoid();
    }

    /** A deliver command that failed alone: counted, and its requester hears INVALID. */
    private void deliverFailed(Envelope envelope, Throwable failure) {
        failed(Deliver.TYPE, "routing", failure);
        try {
            outcomes.failed(Outcomes.ticketOf((Deliver) DeliveryRecords.payloadOf(envelope)), DeliveryOutcome.Reason.INVALID, null);
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            // counted when it was read
        }
    }

    /** The repartition step: each identity's connections from memory, one record per gateway node. */
    public void deliverRoutes(List<Envelope> routes) {
        for (Envelope route : routes) {
            try {
                connectionDelivery.deliver(EnvelopeCodec.payload(route, RouteToIdentities.class));
            } catch (RuntimeException e) {
                failed(route.type(), "routing", e);
            }
        }
    }

    private void failed(String type, String where, Throwable failure) {
        metrics.counter("push_frames_failed_total", "type", type).increment();
        LOG.errorf(failure, "[%s] %s failed", where, type);
    }

    private Uni<Void> dispatch(Envelope envelope) {
        String type = envelope.type();
        switch (type) {
            case EnvelopeTypes.CONNECTION_OPENED -> {
                // nothing to do until the client says who it is
            }
            case EnvelopeTypes.CONNECTION_CLOSED -> connections.closed(envelope.connectionId());
            default -> {
                if (DeliveryRecords.isDeliveryRecord(type)) {
                    return command(DeliveryRecords.payloadOf(envelope));
                }
                if (type.startsWith(EnvelopeTypes.PUBSUB_FRAME_PREFIX)) {
                    return pubsub.handleFrame(type.substring(EnvelopeTypes.PUBSUB_FRAME_PREFIX.length()), envelope);
                }
                if (type.startsWith(EnvelopeTypes.PUSH_FRAME_PREFIX)) {
                    return push.handleFrame(type.substring(EnvelopeTypes.PUSH_FRAME_PREFIX.length()), envelope);
                }
                if (MqttFrames.isFrame(type)) {
                    return mqtt.handleFrame(envelope);
                }
                metrics.counter("push_records_rejected_total", "topic", "in.routing", "reason", "unknown-type").increment();
            }
        }
        return Uni.createFrom().voidItem();
    }

    /** A control command; deliver commands go together, see {@link #dispatchRound}. */
    private Uni<Void> command(DeliveryRecord command) {
        String problem = DeliveryLimits.problemOf(command);
        if (problem != null) {
            metrics.counter("push_delivery_commands_rejected_total", "reason", "invalid").increment();
            LOG.warnf("[routing] %s refused: %s", command.type(), problem);
            return Uni.createFrom().voidItem();
        }
        if (command instanceof ControlCommands.BindIdentity bind) {
            return control.bind(bind);
        }
        if (command instanceof ControlCommands.Subscribe subscribe) {
            return control.subscribe(subscribe);
        }
        if (command instanceof ControlCommands.Unsubscribe unsubscribe) {
            return control.unsubscribe(unsubscribe);
        }
        if (command instanceof ControlCommands.Disconnect disconnect) {
            return control.disconnect(disconnect);
        }
        if (command instanceof ControlCommands.JoinRoom join) {
            control.joinRoom(join);
        } else if (command instanceof ControlCommands.LeaveRoom leave) {
            control.leaveRoom(leave);
        } else {
            metrics.counter("push_records_rejected_total", "topic", "route", "reason", "not-a-command").increment();
        }
        return Uni.createFrom().voidItem();
    }
}
