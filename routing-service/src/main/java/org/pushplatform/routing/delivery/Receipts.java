package org.pushplatform.routing.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.pushplatform.contract.DeliveryReceipt;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.routing.presence.OwnedConnections;

/**
 * What gateways report of deliveries on their connections: written, acked by the client, or not acked in time. A
 * stored delivery stops being pending for the connection's identity once written (receipt mode) or acked (client
 * mode); the requester hears the outcome, once per identity for stored deliveries, once per connection otherwise.
 * A poll's receipts are handled together: one statement for all the stored ones.
 */
@ApplicationScoped
public class Receipts {

    /** A receipt of a stored delivery on a connection of an identity owned here. */
    private record StoredReceipt(DeliveryStore.Receipt receipt, String connectionId, DeliveryReceipt payload) {
    }

    private final OwnedConnections connections;
    private final DeliveryStore store;
    private final Outcomes outcomes;
    private final Instance<FirstReceiptListener> firstReceiptListeners;
    private final Counter ignored;

    public Receipts(OwnedConnections connections, DeliveryStore store, Outcomes outcomes,
                    Instance<FirstReceiptListener> firstReceiptListeners, MeterRegistry metrics) {
        this.connections = connections;
        this.store = store;
        this.outcomes = outcomes;
        this.firstReceiptListeners = firstReceiptListeners;
        this.ignored = metrics.counter("push_receipts_ignored_total", "reason", "unknown-connection");
    }

    public Uni<Void> receivedAll(List<Envelope> envelopes) {
        List<Uni<Optional<StoredReceipt>>> stored = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            DeliveryReceipt receipt = payloadOf(envelope);
            Long deliveryId = receipt.receiptId() == null ? null : parseId(receipt.receiptId());
            if (receipt.receiptId() == null) {
                reportOnce(receipt, envelope.connectionId());
            } else if (deliveryId == null) {
                ignored.increment();
            } else if (receipt.delivered()) {
                // not delivered (no client ack in time): it stays stored and comes again on the identity's next connection
                stored.add(connections.find(envelope.connectionId()).map(connection -> connection.map(c ->
                    new StoredReceipt(new DeliveryStore.Receipt(c.identityRef(), deliveryId), envelope.connectionId(), receipt))));
            }
        }
        if (stored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(stored).andFailFast().flatMap(found -> {
            Map<DeliveryStore.Receipt, StoredReceipt> firstOfEach = new LinkedHashMap<>();
            for (Optional<StoredReceipt> receipt : found) {
                if (receipt.isEmpty()) {
                    // the connection is not known (closed, or its identity owned elsewhere now): it stays pending
                    ignored.increment();
                } else {
                    firstOfEach.putIfAbsent(receipt.get().receipt(), receipt.get());
                }
            }
            if (firstOfEach.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return store.received(new ArrayList<>(firstOfEach.keySet())).invoke(done -> done.forEach((receipt, first) -> {
                StoredReceipt from = firstOfEach.get(receipt);
                if (from != null && from.payload().ticket() != null) {
                    outcomes.delivered(from.payload().ticket(), from.connectionId(), from.payload().ack());
                }
                first.ifPresent(f -> firstReceiptListeners.forEach(listener -> listener.firstReceipt(f)));
            })).replaceWithVoid();
        });
    }

    private static DeliveryReceipt payloadOf(Envelope envelope) {
        // records of earlier versions carry no payload, and the stored delivery's id as their message id
        return envelope.payload() == null || envelope.payload().isNull()
            ? new DeliveryReceipt(envelope.messageId(), true, null, null)
            : EnvelopeCodec.payload(envelope, DeliveryReceipt.class);
    }

    private static Long parseId(String receiptId) {
        try {
            return Long.parseLong(receiptId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void reportOnce(DeliveryReceipt receipt, String connectionId) {
        if (receipt.ticket() == null) {
            return;
        }
        if (receipt.delivered()) {
            outcomes.delivered(receipt.ticket(), connectionId, receipt.ack());
        } else {
            outcomes.failed(receipt.ticket(), DeliveryReceipt.CONNECTION_GONE.equals(receipt.failure())
                ? DeliveryOutcome.Reason.CONNECTION_GONE : DeliveryOutcome.Reason.ACK_TIMEOUT, connectionId);
        }
    }
}
