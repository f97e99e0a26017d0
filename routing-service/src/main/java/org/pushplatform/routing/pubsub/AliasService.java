package org.pushplatform.routing.pubsub;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;

/** Aliases: set_alias, get_alias, publish_to_alias, publish2_to_alias and get_state. */
@ApplicationScoped
public class AliasService {

    private final SessionRepository sessions;
    private final ConnectionRegistry connections;
    private final Deliveries deliveries;

    public AliasService(SessionRepository sessions, ConnectionRegistry connections, Deliveries deliveries) {
        this.sessions = sessions;
        this.connections = connections;
        this.deliveries = deliveries;
    }

    /** One alias per session; the empty string removes it. */
    public Uni<Void> setAlias(Envelope frame, ClientConnection client) {
        String alias = FrameFields.of(frame.payload(), false).alias(true);
        return Panache.withTransaction(() -> sessions.findById(client.sessionId())
                .invoke(session -> session.alias = alias.isEmpty() ? null : alias))
            .invoke(() -> deliveries.reply(frame, "set_alias_ack", PubsubReplies.setAliasAck()))
            .replaceWithVoid();
    }

    public Uni<Void> getAlias(Envelope frame, ClientConnection client) {
        return Panache.withSession(() -> sessions.findById(client.sessionId()))
            .invoke(session -> deliveries.reply(frame, "alias", PubsubReplies.alias(session.alias)))
            .replaceWithVoid();
    }

    /** Every connection of every session with that alias gets {@code message {topic: alias, msg}}. */
    public Uni<Void> publishToAlias(Envelope frame, ClientConnection client, boolean optionsInOpts) {
        PublishRequest request = PublishRequest.toAlias(frame.payload(), optionsInOpts);
        return sessionsWithAlias(client, request.target()).invoke(targets -> {
            deliveries.toSessions(targets, "message", PubsubReplies.message(request.target(), request.msg()));
            deliveries.reply(frame, "puback", PubsubReplies.puback(request.messageId()));
        }).replaceWithVoid();
    }

    /** online when any session with the alias has a live connection. */
    public Uni<Void> getState(Envelope frame, ClientConnection client) {
        String alias = FrameFields.of(frame.payload(), false).alias(false);
        return sessionsWithAlias(client, alias).invoke(targets -> {
            boolean online = targets.stream().anyMatch(sessionId -> !connections.connectionsOf(sessionId).isEmpty());
            deliveries.reply(frame, "get_state_ack", PubsubReplies.state(online));
        }).replaceWithVoid();
    }

    Uni<List<String>> sessionsWithAlias(ClientConnection client, String alias) {
        return Panache.withSession(() -> sessions.sessionIdsWithAlias(client.appkey(), alias));
    }
}
