package org.pushplatform.routing.pubsub;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.RouteToSessions;
import org.pushplatform.routing.delivery.Receipts;
import org.pushplatform.routing.delivery.SessionDelivery;
import org.pushplatform.contract.PubsubEvents;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.presence.OwnedConnections;

/**
 * Sends each record of the owned partitions to its handler: connection lifecycle, client frames, the repartition
 * step and delivery receipts; turns a bad frame into the seed's failure reply.
 */
@ApplicationScoped
public class PubsubFrameDispatcher {

    private static final Logger LOG = Logger.getLogger(PubsubFrameDispatcher.class);

    private final PubsubService pubsub;
    private final AliasService aliases;
    private final TopicQueryService queries;
    private final Deliveries deliveries;
    private final ConnectionRegistry connections;
    private final OwnedConnections ownedConnections;
    private final SessionDelivery delivery;
    private final Receipts receipts;
    private final MeterRegistry metrics;

    public PubsubFrameDispatcher(PubsubService pubsub, AliasService aliases, TopicQueryService queries, Deliveries deliveries,
                                 ConnectionRegistry connections, OwnedConnections ownedConnections, SessionDelivery delivery,
                                 Receipts receipts, MeterRegistry metrics) {
        this.ownedConnections = ownedConnections;
        this.delivery = delivery;
        this.receipts = receipts;
        this.pubsub = pubsub;
        this.aliases = aliases;
        this.queries = queries;
        this.deliveries = deliveries;
        this.connections = connections;
        this.metrics = metrics;
    }

    public Uni<Void> dispatch(Envelope envelope) {
        switch (envelope.type()) {
            case EnvelopeTypes.CONNECTION_OPENED -> {
                // nothing to do until the client says which session it is (connect_v2)
            }
            case EnvelopeTypes.CONNECTION_CLOSED -> connections.closed(envelope.connectionId());
            case EnvelopeTypes.ROUTE_TO_SESSIONS -> delivery.deliver(EnvelopeCodec.payload(envelope, RouteToSessions.class));
            case EnvelopeTypes.DELIVERY_RECEIPT -> {
                return receipts.received(envelope);
            }
            default -> {
                if (envelope.type().startsWith(EnvelopeTypes.PUBSUB_FRAME_PREFIX)) {
                    String event = envelope.type().substring(EnvelopeTypes.PUBSUB_FRAME_PREFIX.length());
                    return handleFrame(event, envelope);
                }
                metrics.counter("push_records_rejected_total", "topic", "in.routing", "reason", "unknown-type").increment();
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> handleFrame(String event, Envelope frame) {
        String replyEvent = PubsubEvents.REPLY_EVENT.get(event);
        if (replyEvent == null) {
            metrics.counter("push_frames_rejected_total", "event", "unknown", "reason", "unknown-event").increment();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> route(event, frame))
            .onFailure(InvalidFrameException.class).recoverWithItem(invalid -> {
                metrics.counter("push_frames_rejected_total", "event", event, "reason", "invalid").increment();
                LOG.debugf("[%s] %s rejected: %s", frame.connectionId(), event, invalid.getMessage());
                deliveries.reply(frame, replyEvent, failureReply(event, frame.payload(), invalid.getMessage()));
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
            case "publish" -> pubsub.publish(frame, client, false);
            case "publish2" -> pubsub.publish(frame, client, true);
            case "set_alias" -> aliases.setAlias(frame, client);
            case "get_alias" -> aliases.getAlias(frame, client);
            case "publish_to_alias" -> aliases.publishToAlias(frame, client, false);
            case "publish2_to_alias" -> aliases.publishToAlias(frame, client, true);
            case "get_state" -> aliases.getState(frame, client);
            case "get_alias_list" -> queries.getAliasList(frame, client);
            case "get_topic_list" -> queries.getTopicList(frame, client);
            default -> throw new InvalidFrameException(event + " is not an event of this API");
        };
    }

    /** suback and unsuback keep their three-argument shape even when they fail. */
    private static java.util.List<JsonNode> failureReply(String event, JsonNode payload, String errorMsg) {
        String messageId = text(payload, "messageId").orElse(null);
        if (event.equals("subscribe") || event.equals("unsubscribe")) {
            return PubsubReplies.subscriptionAck(false, errorMsg, text(payload, "topic").orElse(""), messageId == null ? "" : messageId);
        }
        return PubsubReplies.failure(errorMsg, messageId);
    }

    private static Optional<String> text(JsonNode payload, String field) {
        if (payload == null || !payload.isObject() || payload.get(field) == null || !payload.get(field).isValueNode()) {
            return Optional.empty();
        }
        String value = payload.get(field).asText();
        return value.length() > FrameFields.MAX_TOPIC_LENGTH ? Optional.empty() : Optional.of(value);
    }
}
