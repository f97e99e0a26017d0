package org.pushplatform.routing.pubsub;

import java.util.ArrayList;
import java.util.List;
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

    public Uni<Void> handleAll(List<Envelope> frames) {
        List<Uni<Optional<PublishService.Publish>>> prepared = new ArrayList<>(frames.size());
        for (Envelope frame : frames) {
            prepared.add(connections.find(frame.connectionId()).map(client -> prepare(frame, client)));
        }
        return Uni.join().all(prepared).andFailFast().flatMap(all -> {
            List<PublishService.Publish> valid = all.stream().flatMap(Optional::stream).toList();
            if (valid.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return publishing.publishAll(valid).invoke(() -> valid.forEach(publish ->
                deliveries.reply(publish.frame(), "puback", PubsubReplies.puback(publish.request().messageId())))).replaceWithVoid();
        });
    }

    private Optional<PublishService.Publish> prepare(Envelope frame, Optional<ClientConnection> client) {
        String event = eventOf(frame);
        boolean optionsInOpts = event.startsWith("publish2");
        boolean toAlias = event.endsWith("_to_alias");
        try {
            ClientConnection publisher = client.orElseThrow(() -> new InvalidFrameException("not connected: send connect_v2 first"));
            PublishRequest request = toAlias ? PublishRequest.toAlias(frame.payload(), optionsInOpts)
                : PublishRequest.toTopic(frame.payload(), optionsInOpts);
            return Optional.of(new PublishService.Publish(publisher.app(), toAlias, request, frame.messageId(),
                PubsubService.publisherOf(publisher), frame));
        } catch (InvalidFrameException invalid) {
            rejections.rejected(event, frame, invalid);
            return Optional.empty();
        }
    }

    private static String eventOf(Envelope envelope) {
        return envelope.type().substring(EnvelopeTypes.PUBSUB_FRAME_PREFIX.length());
    }
}
