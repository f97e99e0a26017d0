package org.pushplatform.routing.pubsub;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.identity.IdentityRepository;
import org.pushplatform.routing.presence.ClientConnection;

/** Aliases: set_alias, get_alias and get_state (publishing to an alias is {@link PublishFrames}). */
@ApplicationScoped
public class AliasService {

    private final IdentityRepository identities;
    private final AppQueries queries;
    private final Deliveries deliveries;

    public AliasService(IdentityRepository identities, AppQueries queries, Deliveries deliveries) {
        this.identities = identities;
        this.queries = queries;
        this.deliveries = deliveries;
    }

    /** One alias per session; the empty string removes it. */
    public Uni<Void> setAlias(Envelope frame, ClientConnection client) {
        String alias = FrameFields.of(frame.payload(), false).alias(true);
        return Panache.withTransaction(() -> identities.findById(client.identityRef())
                .invoke(session -> session.alias = alias.isEmpty() ? null : alias))
            .invoke(() -> deliveries.reply(frame, "set_alias_ack", PubsubReplies.setAliasAck()))
            .replaceWithVoid();
    }

    public Uni<Void> getAlias(Envelope frame, ClientConnection client) {
        return Panache.withSession(() -> identities.findById(client.identityRef()))
            .invoke(session -> deliveries.reply(frame, "alias", PubsubReplies.alias(session.alias)))
            .replaceWithVoid();
    }

    public Uni<Void> getState(Envelope frame, ClientConnection client) {
        String alias = FrameFields.of(frame.payload(), false).alias(false);
        return queries.isOnline(client.app(), alias)
            .invoke(online -> deliveries.reply(frame, "get_state_ack", PubsubReplies.state(online)))
            .replaceWithVoid();
    }
}
