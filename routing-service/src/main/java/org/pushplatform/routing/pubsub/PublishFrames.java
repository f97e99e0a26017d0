package org.pushplatform.routing.pubsub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.OwnedConnections;

/**
 * publish, publish2, publish_to_alias and publish2_to_alias frames, many at a time (a round of a poll): their
 * targets resolved and their stored messages written in one statement each, then each answered with puback.
 */
@ApplicationScoped
public class PublishFrames {

    private static final Set<String> EVENTS = Set.of("publish", "publish2", "publish_to_alias", "publish2_to_alias");

    private final OwnedConnections connections;
    private final PublishService publishing;
    private final FrameRejections rejections;
    private final Deliveries deliveries;

    public PublishFrames(OwnedConnections connections, PublishService publishing, FrameRejections rejections, Deliveries deliveries) {
        this.connections = connections;
        this.publishing = publishing;
        this.rejections = rejections;
        this.deliveries = deliveries;
    }

    /** True for the envelope of a publish frame. */
    public static boolean isPublish(Envelope envelope) {
        String type = envelope.type();
        return type.startsWith(EnvelopeTypes.PUBSUB_FRAME_PREFIX) && EVENTS.contains(eventOf(envelope));
    }

    /** Publishes in the frames' order, one statement for all; each frame is answered in that order too. */
    public Uni<Void> handleAll(List<Envelope> frames) {
        List<Uni<Prepared>> prepared = new ArrayList<>(frames.size());
        for (Envelope frame : frames) {
            prepared.add(connections.find(frame.connectionId()).map(client -> prepare(frame, client)));
        }
        return Uni.join().all(prepared).andFailFast().flatMap(all -> {
            List<PublishService.Publish> valid = all.stream().map(Prepared::publish).filter(Objects::nonNull).toList();
            Uni<List<PublishService.Published>> published = valid.isEmpty() ? Uni.createFrom().item(List.of())
                : publishing.publishAll(valid);
            return published.invoke(results -> {
                Iterator<PublishService.Published> result = results.iterator();
                all.forEach(frame -> answer(frame, frame.publish() == null ? null : result.next()));
            }).replaceWithVoid();
        });
    }

    /** A frame ready to publish, or why it cannot be. */
    private record Prepared(Envelope frame, PublishService.Publish publish, InvalidFrameException invalid) {
    }

    private void answer(Prepared prepared, PublishService.Published published) {
        if (published != null && published.refusal() != null) {
            rejections.rejected(eventOf(prepared.frame()), prepared.frame(), new InvalidFrameException(published.refusal()));
        } else if (prepared.publish() != null) {
            deliveries.reply(prepared.frame(), "puback", PubsubReplies.puback(prepared.publish().request().messageId()));
        } else {
            rejections.rejected(eventOf(prepared.frame()), prepared.frame(), prepared.invalid());
        }
    }

    private Prepared prepare(Envelope frame, Optional<ClientConnection> client) {
        String event = eventOf(frame);
        boolean optionsInOpts = event.startsWith("publish2");
        boolean toAlias = event.endsWith("_to_alias");
        try {
            ClientConnection publisher = client.orElseThrow(() -> new InvalidFrameException("not connected: send connect_v2 first"));
            PublishRequest request = toAlias ? PublishRequest.toAlias(frame.payload(), optionsInOpts)
                : PublishRequest.toTopic(frame.payload(), optionsInOpts);
            return new Prepared(frame, new PublishService.Publish(publisher.app(), toAlias, request, frame.messageId(),
                PubsubService.publisherOf(publisher), frame), null);
        } catch (InvalidFrameException invalid) {
            return new Prepared(frame, null, invalid);
        }
    }

    private static String eventOf(Envelope envelope) {
        return envelope.type().substring(EnvelopeTypes.PUBSUB_FRAME_PREFIX.length());
    }
}
