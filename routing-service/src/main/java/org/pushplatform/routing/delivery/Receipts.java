package org.pushplatform.routing.delivery;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.OwnedConnections;
import org.pushplatform.routing.pubsub.PubsubReplies;

/**
 * A gateway wrote a stored message to a connection: the connection's session has received it, and the publisher
 * gets {@code recvack} when this is the first receiver other than itself.
 */
@ApplicationScoped
public class Receipts {

    private final OwnedConnections connections;
    private final MessageStore store;
    private final SessionRouter router;
    private final Counter ignored;

    public Receipts(OwnedConnections connections, MessageStore store, SessionRouter router, MeterRegistry metrics) {
        this.connections = connections;
        this.store = store;
        this.router = router;
        this.ignored = metrics.counter("push_receipts_ignored_total", "reason", "unknown-connection");
    }

    public Uni<Void> received(Envelope receipt) {
        long messageRef;
        try {
            messageRef = Long.parseLong(receipt.messageId());
        } catch (NumberFormatException e) {
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        return connections.find(receipt.connectionId()).flatMap(connection -> {
            if (connection.isEmpty()) {
                // the message stays pending for the session and comes again on its next connection
                ignored.increment();
                return Uni.createFrom().voidItem();
            }
            return store.received(connection.get().sessionId(), messageRef).invoke(first -> first.ifPresent(r ->
                    router.route(List.of(r.publisher()), "recvack", PubsubReplies.recvack(r.messageId(), r.alias(), r.timestamp()), null)))
                .replaceWithVoid();
        });
    }
}
