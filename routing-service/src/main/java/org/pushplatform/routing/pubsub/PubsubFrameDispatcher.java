package org.pushplatform.routing.pubsub;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.PubsubEvents;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.OwnedConnections;

/** Sends each pubsub client frame to its handler; turns a bad frame into the seed's failure reply. */
@ApplicationScoped
public class PubsubFrameDispatcher {

    private final PubsubService pubsub;
    private final AliasService aliases;
    private final TopicQueryService queries;
    private final PublishFrames publishes;
    private final FrameRejections rejections;
    private final OwnedConnections ownedConnections;
    private final MeterRegistry metrics;

    public PubsubFrameDispatcher(PubsubService pubsub, AliasService aliases, TopicQueryService queries, PublishFrames publishes,
                                 FrameRejections rejections, OwnedConnections ownedConnections, MeterRegistry metrics) {
        this.ownedConnections = ownedConnections;
        this.pubsub = pubsub;
        this.aliases = aliases;
        this.queries = queries;
        this.publishes = publishes;
        this.rejections = rejections;
        this.metrics = metrics;
    }

    /** A client frame of the pubsub API: {@code event} is the Socket.IO event name. */
    public Uni<Void> handleFrame(String event, Envelope frame) {
        String replyEvent = PubsubEvents.REPLY_EVENT.get(event);
        if (replyEvent == null) {
            metrics.counter("push_frames_rejected_total", "event", "unknown", "reason", "unknown-event").increment();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> route(event, frame))
            .onFailure(InvalidFrameException.class).recoverWithItem(invalid -> {
                rejections.rejected(event, frame, (InvalidFrameException) invalid);
                return null;
            });
    }

    private Uni<Void> route(String event, Envelope frame) {
        if (event.equals("connect_v2")) {
            return pubsub.connect(frame);
        }
        return ownedConnections.find(frame.connectionId()).flatMap(found -> handle(event, frame,
            found.orElseThrow(() -> new InvalidFrameException("not connected: send connect_v2 first"))));
    }

    private Uni<Void> handle(String event, Envelope frame, ClientConnection client) {
        return switch (event) {
            case "subscribe" -> pubsub.subscribe(frame, client);
            case "unsubscribe" -> pubsub.unsubscribe(frame, client);
            case "publish", "publish2", "publish_to_alias", "publish2_to_alias" -> publishes.handleAll(List.of(frame));
            case "set_alias" -> aliases.setAlias(frame, client);
            case "get_alias" -> aliases.getAlias(frame, client);
            case "get_state" -> aliases.getState(frame, client);
            case "get_alias_list" -> queries.getAliasList(frame, client);
            case "get_topic_list" -> queries.getTopicList(frame, client);
            default -> throw new InvalidFrameException(event + " is not an event of this API");
        };
    }
}
