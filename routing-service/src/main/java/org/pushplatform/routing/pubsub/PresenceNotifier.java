package org.pushplatform.routing.pubsub;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.routing.messaging.IntegrationEvents;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.LiveConnectionStore;
import org.pushplatform.service.TransientFailures;
import org.pushplatform.routing.presence.PresenceListener;

/**
 * What follows a connection coming or going: the presence integration event, the live connection row, and
 * online/offline on {@code <topic>/p} when the whole session comes or goes.
 */
@ApplicationScoped
public class PresenceNotifier implements PresenceListener {

    private static final Logger LOG = Logger.getLogger(PresenceNotifier.class);

    private final IntegrationEvents events;
    private final LiveConnectionStore liveConnections;
    private final TopicPresence topicPresence;
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    public PresenceNotifier(IntegrationEvents events, LiveConnectionStore liveConnections, TopicPresence topicPresence) {
        this.events = events;
        this.liveConnections = liveConnections;
        this.topicPresence = topicPresence;
    }

    @Override
    public void online(ClientConnection connection, boolean sessionCameOnline) {
        events.online(connection);
        if (sessionCameOnline && isPubsub(connection)) {
            inSessionOrder(connection, () -> topicPresence.sessionChanged(connection, "online"));
        }
    }

    @Override
    public void offline(ClientConnection connection, boolean sessionWentOffline) {
        events.offline(connection);
        inSessionOrder(connection, () -> {
            // a row left behind would show the identity online and hold its app's connection quota: tried until done
            Uni<Void> deleted = liveConnections.delete(connection.connectionId(), connection.identityRef())
                .onFailure(TransientFailures::isTransient).retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(GIVE_UP_AFTER.toMillis());
            return sessionWentOffline && isPubsub(connection) ? deleted.call(() -> topicPresence.sessionChanged(connection, "offline")) : deleted;
        });
    }

    /** Presence on {@code <topic>/p} is pubsub's rule, for pubsub sessions. */
    private static boolean isPubsub(ClientConnection connection) {
        return PublishService.API.equals(connection.api());
    }

    /** In the background, but one session's presence work in the order it happened (offline before the next online). */
    private void inSessionOrder(ClientConnection connection, Supplier<Uni<Void>> work) {
        String session = connection.identityRef();
        CompletableFuture<Void> tail = pending.compute(session, (s, previous) ->
            (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous).thenCompose(done -> work.get()
                .onFailure().invoke(failure -> LOG.warnf("[%s] presence update failed: %s", connection.connectionId(), failure.getMessage()))
                .onFailure().recoverWithNull().subscribeAsCompletionStage()));
        tail.whenComplete((done, failure) -> pending.remove(session, tail));
    }
}
