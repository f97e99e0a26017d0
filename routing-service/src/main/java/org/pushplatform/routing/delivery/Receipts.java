package org.pushplatform.routing.delivery;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.ClientConnection;
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
    private final Counter unknownConnection;

    public Receipts(OwnedConnections connections, MessageStore store, SessionRouter router, MeterRegistry metrics) {
        this.connections = connections;
        this.store = store;
        this.router = router;
        this.unknownConnection = metrics.counter("push_receipts_ignored_total", "reason", "unknown-connection");
    }

    public Uni<Void> received(Envelope receipt) {
        return connections.find(receipt.connectionId()).flatMap(connection -> received(receipt, connection));
    }

    private Uni<Void> received(Envelope receipt, Optional<ClientConnection> connection) {
        long messageRef;
        try {
            messageRef = Long.parseLong(receipt.messageId());
        } catch (NumberFormatException e) {
            messageRef = -1;
        }
        if (connection.isEmpty() || messageRef < 0) {
            // the message stays pending for the session and comes again on its next connection
            unknownConnection.increment();
            return Uni.createFrom().voidItem();
        }
        return store.received(connection.get().sessionId(), messageRef).invoke(first -> first.ifPresent(r ->
                router.route(List.of(new Target(r.publisher().sessionId(), r.publisher().partition())), "recvack",
                    PubsubReplies.recvack(r.messageId(), r.alias(), r.timestamp()), null)))
            .replaceWithVoid();
    }
}
