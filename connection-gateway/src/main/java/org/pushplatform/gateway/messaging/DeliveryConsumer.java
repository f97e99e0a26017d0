package org.pushplatform.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RecordBatch;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.NodeExpired;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Reads this node's {@code push.gw.<nodeId>}: deliveries, written by {@link DeliveryWriter}, and control of local
 * connections (rooms joined and left, disconnects, the identity a connection was bound to), alone or in batches.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final LocalConnections connections;
    private final DeliveryWriter writer;
    private final Counter rejected;
    private final Counter gone;
    private final Counter otherApp;
    private final NodeRun run;
    private final InboundPublisher publisher;
    private final ReceiptSender receipts;
    private final MeterRegistry metrics;

    public DeliveryConsumer(LocalConnections connections, DeliveryWriter writer, InboundPublisher publisher, ReceiptSender receipts,
                            NodeRun run, MeterRegistry metrics) {
        this.publisher = publisher;
        this.receipts = receipts;
        this.run = run;
        this.metrics = metrics;
        this.connections = connections;
        this.writer = writer;
        this.rejected = metrics.counter("push_gateway_deliveries_total", "outcome", "malformed");
        this.gone = metrics.counter("push_gateway_deliveries_total", "outcome", "connection-gone");
        this.otherApp = metrics.counter("push_gateway_deliveries_total", "outcome", "other-app-refused");
    }

    @Incoming("deliveries")
    public void consume(String record) {
        try {
            Envelope envelope = EnvelopeCodec.decode(record);
            if (EnvelopeTypes.BATCH.equals(envelope.type())) {
                RecordBatch.records(envelope).forEach(this::handle);
            } else {
                handle(envelope);
            }
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            rejected.increment();
            LOG.warnf("[gateway] dropped a delivery that is not an envelope: %s", e.getMessage());
        }
    }

    private void handle(Envelope envelope) {
        if (EnvelopeTypes.EMIT.equals(envelope.type())) {
            writer.write(EnvelopeCodec.payload(envelope, EmitToConnections.class));
        } else if (EnvelopeTypes.NODE_EXPIRED.equals(envelope.type())) {
            expired(EnvelopeCodec.payload(envelope, NodeExpired.class));
        } else {
            control(envelope.type(), EnvelopeCodec.payload(envelope, GatewayControl.class));
        }
    }

    /**
     * Routing took this run for dead (it was paused past its heartbeats) and dropped its connections: they are closed,
     * so that their clients connect again and are bound anew, rather than live on unreachable.
     */
    private void expired(NodeExpired expired) {
        if (!run.bootId().equals(expired.bootId())) {
            return;
        }
        int closed = connections.closeOpenedBefore(expired.openedBefore());
        if (closed > 0) {
            metrics.counter("push_gateway_disconnects_total", "api", "all", "reason", "node-expired").increment(closed);
        }
        LOG.warnf("[gateway] routing took this run for dead: %d connections closed, their clients connect again", closed);
    }

    private void control(String type, GatewayControl control) {
        LocalConnection connection = control.connectionId() == null ? null : connections.get(control.connectionId());
        if (connection == null) {
            gone.increment();
            if (EnvelopeTypes.BOUND.equals(type) && control.routingKey() != null) {
                // bound after it closed (its close overtook the bind on the way): routing must hear it is gone
                publisher.closedElsewhere(control.connectionId(), control.app(), control.routingKey());
            }
            receipts.gone(control.connectionId(), control.ticket());
            return;
        }
        if (!connection.belongsTo(control.app())) {
            // a command of one app never touches another app's connection, whatever id it names
            otherApp.increment();
            LOG.warnf("[%s] %s of app %s refused: the connection is not of that app", connection.connectionId(), type, control.app());
            receipts.gone(control.connectionId(), control.ticket());
            return;
        }
        switch (type) {
            case EnvelopeTypes.JOIN_ROOM -> connections.join(connection, control.app(), control.room());
            case EnvelopeTypes.LEAVE_ROOM -> connections.leave(connection, control.app(), control.room());
            case EnvelopeTypes.BOUND -> connection.bound(control.routingKey());
            case EnvelopeTypes.DISCONNECT -> {
                LOG.infof("[%s] disconnected by its service: %s", connection.connectionId(), control.reason());
                connection.close(control.reason());
            }
            default -> {
                rejected.increment();
                return;
            }
        }
        // whoever asked when it takes effect hears it now
        receipts.receipt(connection, null, control.ticket(), true, null);
    }
}
