package org.pushplatform.routing.pubsub;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.presence.ClientConnection;

/** Aliases: set_alias, get_alias, publish_to_alias, publish2_to_alias and get_state. */
@ApplicationScoped
public class AliasService {

    private final SessionRepository sessions;
    private final PublishService publishing;
    private final AppQueries queries;
    private final Deliveries deliveries;

    public AliasService(SessionRepository sessions, PublishService publishing, AppQueries queries, Deliveries deliveries) {
        this.sessions = sessions;
        this.publishing = publishing;
        this.queries = queries;
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

    public Uni<Void> publishToAlias(Envelope frame, ClientConnection client, boolean optionsInOpts) {
        PublishRequest request = PublishRequest.toAlias(frame.payload(), optionsInOpts);
        return publishing.toAlias(client.appkey(), request, frame.messageId(), PubsubService.publisherOf(client))
            .invoke(() -> deliveries.reply(frame, "puback", PubsubReplies.puback(request.messageId())))
            .replaceWithVoid();
    }

    public Uni<Void> getState(Envelope frame, ClientConnection client) {
        String alias = FrameFields.of(frame.payload(), false).alias(false);
        return queries.isOnline(client.appkey(), alias)
            .invoke(online -> deliveries.reply(frame, "get_state_ack", PubsubReplies.state(online)))
            .replaceWithVoid();
    }
}
