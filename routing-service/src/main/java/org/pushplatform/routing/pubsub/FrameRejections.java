package org.pushplatform.routing.pubsub;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.PubsubEvents;

/** A frame that breaks a rule gets its event's reply with {@code success: false} and an {@code error_msg}, and is counted. */
@ApplicationScoped
public class FrameRejections {

    private static final Logger LOG = Logger.getLogger(FrameRejections.class);

    private final Deliveries deliveries;
    private final MeterRegistry metrics;

    public FrameRejections(Deliveries deliveries, MeterRegistry metrics) {
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    public void rejected(String event, Envelope frame, InvalidFrameException invalid) {
        metrics.counter("push_frames_rejected_total", "event", event, "reason", "invalid").increment();
        LOG.debugf("[%s] %s rejected: %s", frame.connectionId(), event, invalid.getMessage());
        deliveries.reply(frame, PubsubEvents.REPLY_EVENT.get(event), failureReply(event, frame.payload(), invalid.getMessage()));
    }

    /** suback and unsuback keep their three-argument shape even when they fail. */
    private static List<JsonNode> failureReply(String event, JsonNode payload, String errorMsg) {
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
