package org.pushplatform.routing.push;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.delivery.IdentityDirectory;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.identity.TopicSubscriptionRepository;
import org.pushplatform.routing.presence.LiveConnectionStore;

/** What the push-server API tells about aliases: the info_status event and REST's {@code /info/...}. */
@ApplicationScoped
public class PushQueries {

    /** Aliases per page of {@code /info/allChannelAlias} and {@code /info/allSocketIOAlias}. */
    static final int PAGE_SIZE = 100;

    private final IdentityDirectory directory;
    private final TopicSubscriptionRepository subscriptions;
    private final LiveConnectionStore liveConnections;

    public PushQueries(IdentityDirectory directory, TopicSubscriptionRepository subscriptions, LiveConnectionStore liveConnections) {
        this.directory = directory;
        this.subscriptions = subscriptions;
        this.liveConnections = liveConnections;
    }

    /**
     * An alias's channels (of every API's identities with it, the app's one alias space) and whether it is online:
     * {@code {alias, list, status}}.
     */
    public Uni<ObjectNode> status(String app, String alias) {
        Uni<List<String>> topics = directory.withAlias(app, alias).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(List.of())
            : Panache.withSession(() -> subscriptions.topicsOf(found.stream().map(Target::identityRef).toList())));
        return Uni.combine().all().unis(topics, liveConnections.isAliasOnline(app, alias)).asTuple()
            .map(both -> PushReplies.status(alias, both.getItem1(), both.getItem2()));
    }

    /** Page {@code page} (from 1) of the aliases online over a transport: {@code {total, list}}. */
    public Uni<ObjectNode> aliasesOnline(String app, String transport, int page) {
        return liveConnections.aliasesOnline(app, PushPublishing.API, transport, (long) (page - 1) * PAGE_SIZE, PAGE_SIZE)
            .map(found -> PushReplies.aliasPage(found.total(), found.aliases()));
    }
}
