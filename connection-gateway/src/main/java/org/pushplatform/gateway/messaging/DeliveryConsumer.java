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
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Reads this node's {@code push.gw.<nodeId>} and writes each delivery to the local connections it names. A stored
 * message (one with a receipt id) is written at most once per connection, and each write is answered with a
 * receipt to routing, which then stops keeping it for that session.
 */
@ApplicationScoped
public class DeliveryConsumer {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumer.class);

    private final LocalConnections connections;
    private final Counter delivered;
    private final Counter gone;
    private final Counter rejected;

    private final InboundPublisher receipts;
    private final Counter duplicates;

    public DeliveryConsumer(LocalConnections connections, InboundPublisher receipts, MeterRegistry metrics) {
        this.connections = connections;
        this.receipts = receipts;
        this.duplicates = metrics.counter("push_gateway_deliveries_total", "outcome", "duplicate-skipped");
        this.delivered = metrics.counter("push_gateway_deliveries_total", "outcome", "written");
        this.gone = metrics.counter("push_gateway_deliveries_total", "outcome", "connection-gone");
        this.rejected = metrics.counter("push_gateway_deliveries_total", "outcome", "malformed");
    }

    @Incoming("deliveries")
    public void consume(String record) {
        Envelope envelope;
        EmitToConnections emit;
        try {
            envelope = EnvelopeCodec.decode(record);
            if (!EnvelopeTypes.EMIT.equals(envelope.type())) {
                rejected.increment();
                return;
            }
            emit = EnvelopeCodec.payload(envelope, EmitToConnections.class);
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            rejected.increment();
            LOG.warnf("[gateway] dropped a delivery that is not an envelope: %s", e.getMessage());
            return;
        }
        for (String connectionId : emit.connectionIds()) {
            LocalConnection connection = connections.get(connectionId);
            if (connection == null) {
                gone.increment();
            } else if (emit.receiptId() == null) {
                connection.sink().emit(emit.event(), emit.args(), null);
                delivered.increment();
            } else if (connection.firstWriteOf(emit.receiptId())) {
                connection.sink().emit(emit.event(), emit.args(), () -> receipt(connection, emit.receiptId()));
                delivered.increment();
            } else {
                duplicates.increment();
                receipt(connection, emit.receiptId());
            }
        }
    }

    private void receipt(LocalConnection connection, String receiptId) {
        receipts.publish(EnvelopeTypes.DELIVERY_RECEIPT, connection.routingKey(), connection.connectionId(), receiptId, null);
    }
}
