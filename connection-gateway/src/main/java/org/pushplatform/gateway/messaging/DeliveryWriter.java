package org.pushplatform.gateway.messaging;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Writes one delivery to the local connections it names, or to a room's local members, in the delivery's API only.
 * Answers with receipts as the delivery asks: once written (receipt mode), or when the client acked it or did not
 * in time (client mode). A stored delivery is written at most once per connection (for client acks: until acked).
 * A reply to a client frame calls that frame's ack callback instead. The event is encoded once for all its targets.
 * Nothing is buffered for a client past its outbound budget (one that reads slowly or not at all): a QoS 0 event is
 * dropped, and a stored one closes the connection instead, so that it stays stored for the client's next connection.
 */
@ApplicationScoped
public class DeliveryWriter {

    private final LocalConnections connections;
    private final ReceiptSender receipts;
    private final Counter delivered;
    private final Counter gone;
    private final Counter duplicates;
    private final Counter otherApi;
    private final Counter otherApp;
    private final Counter ackTimeouts;
    private final Counter unanswerable;
    private final Counter slowDropped;
    private final MeterRegistry metrics;
    private final MessageSpans spans;

    public DeliveryWriter(LocalConnections connections, ReceiptSender receipts, MessageSpans spans, MeterRegistry metrics) {
        this.connections = connections;
        this.spans = spans;
        this.receipts = receipts;
        this.delivered = metrics.counter("push_gateway_deliveries_total", "outcome", "written");
        this.gone = metrics.counter("push_gateway_deliveries_total", "outcome", "connection-gone");
        this.duplicates = metrics.counter("push_gateway_deliveries_total", "outcome", "duplicate-skipped");
        this.otherApi = metrics.counter("push_gateway_deliveries_total", "outcome", "other-api-skipped");
        this.otherApp = metrics.counter("push_gateway_deliveries_total", "outcome", "other-app-refused");
        this.ackTimeouts = metrics.counter("push_gateway_deliveries_total", "outcome", "ack-timeout");
        this.unanswerable = metrics.counter("push_gateway_deliveries_total", "outcome", "no-callback-to-answer");
        this.slowDropped = metrics.counter("push_gateway_deliveries_total", "outcome", "slow-consumer-dropped");
        this.metrics = metrics;
    }

    public void write(EmitToConnections emit) {
        Span span = spans.delivering(emit);
        List<LocalConnection> targets = targets(emit);
        writeTo(targets, emit);
        if (span != null) {
            span.setAttribute("push.connections", targets.size());
            span.end();
        }
    }

    private void writeTo(List<LocalConnection> targets, EmitToConnections emit) {
        OutboundEvent event = new OutboundEvent(emit.event(), emit.args(), Boolean.TRUE.equals(emit.redelivery()));
        for (LocalConnection connection : targets) {
            if (emit.api() != null && !emit.api().equals(connection.api())) {
                otherApi.increment();
            } else if (emit.app() != null && !connection.belongsTo(emit.app())) {
                // one app's delivery never reaches another app's connection: to its sender, that connection is not there
                otherApp.increment();
                failedReceipt(connection.connectionId(), emit);
            } else if (emit.replyTo() != null) {
                answer(connection, emit);
            } else if (connection.sink().congested()) {
                refuse(connection, emit);
            } else if (emit.wantsClientAck()) {
                writeForAck(connection, emit, event);
            } else if (emit.writtenOnceAs() != null && !connection.firstWriteOf(emit.writtenOnceAs())) {
                duplicates.increment();
                receipt(connection, emit, true, null);
            } else {
                connection.sink().emit(event, emit.wantsReceipt() ? () -> receipt(connection, emit, true, null) : null);
                delivered.increment();
            }
        }
    }

    /** The client is past its outbound budget: a stored delivery closes it (and stays stored), the rest is dropped. */
    private void refuse(LocalConnection connection, EmitToConnections emit) {
        if (emit.receiptId() == null && !emit.wantsClientAck()) {
            slowDropped.increment();
            return;
        }
        if (connection.close()) {
            metrics.counter("push_gateway_disconnects_total", "api", connection.api(), "reason", "slow-consumer").increment();
        }
    }

    /** The service answers a client frame's ack callback. */
    private void answer(LocalConnection connection, EmitToConnections emit) {
        var callback = connection.takeAnswer(emit.replyTo());
        if (callback == null) {
            unanswerable.increment();
            return;
        }
        callback.accept(emit.args());
        delivered.increment();
        receipt(connection, emit, true, null);
    }

    private void writeForAck(LocalConnection connection, EmitToConnections emit, OutboundEvent event) {
        String receiptId = emit.receiptId();
        if (receiptId != null && connection.wrote(receiptId)) {
            duplicates.increment();
            receipt(connection, emit, true, null);
            return;
        }
        if (receiptId != null && !connection.startAwaitingAck(receiptId)) {
            // sent again (overdue) while the first copy waits for its ack: that ack, or its timeout, answers for both
            duplicates.increment();
            return;
        }
        long timeoutMs = emit.ackTimeoutMs() == null ? 30_000 : emit.ackTimeoutMs();
        connection.sink().emitStoredWithAck(event, receiptId, timeoutMs, ack -> {
            connection.ackSettled(receiptId, true);
            receipt(connection, emit, true, ack);
        }, () -> {
            connection.ackSettled(receiptId, false);
            ackTimeouts.increment();
            receipt(connection, emit, false, null);
        });
        delivered.increment();
    }

    private List<LocalConnection> targets(EmitToConnections emit) {
        if (emit.room() != null) {
            return connections.inRoom(emit.app(), emit.room());
        }
        List<LocalConnection> found = new ArrayList<>(emit.connectionIds().size());
        for (String connectionId : emit.connectionIds()) {
            LocalConnection connection = connections.get(connectionId);
            if (connection == null) {
                gone.increment();
                failedReceipt(connectionId, emit);
            } else {
                found.add(connection);
            }
        }
        return found;
    }

    private void receipt(LocalConnection connection, EmitToConnections emit, boolean delivered, JsonNode ack) {
        receipts.receipt(connection, emit.receiptId(), emit.ticket(), delivered, ack);
    }

    /**
     * The connection is not here (closed, or of another app): whoever asked for the outcome of a delivery that is not
     * stored hears CONNECTION_GONE; a stored one stays pending for the identity's next connection.
     */
    private void failedReceipt(String connectionId, EmitToConnections emit) {
        if (emit.receiptId() == null && emit.replyTo() == null) {
            receipts.gone(connectionId, emit.ticket());
        }
    }
}
