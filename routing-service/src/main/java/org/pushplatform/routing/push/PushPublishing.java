package org.pushplatform.routing.push;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.routing.delivery.DeliverRules;
import org.pushplatform.routing.messages.AppMessage;
import org.pushplatform.routing.messages.AppMessages;
import org.pushplatform.routing.messages.MessageBodies;
import org.pushplatform.routing.messaging.MessageIds;

/**
 * do_push ({@code t:6}, and REST's {@code /push}): a message to channels ({@code method: publish, topic: [...]}) or
 * aliases ({@code method: publish_to_alias, alias: [...]}), each an app message: push-server clients get
 * {@code {t:5, mid, topic|alias, msg}} (kept until acked or {@code time_to_live} ends), pubsub clients
 * {@code message {topic, msg}}.
 */
@ApplicationScoped
public class PushPublishing {

    static final String API = "push";
    static final String PUSH_EVENT = "push";
    private static final int MOST_TARGETS = 1000;

    private final AppMessages messages;

    public PushPublishing(AppMessages messages) {
        this.messages = messages;
    }

    /** One do_push frame ready to send, or why it cannot be. */
    record Prepared(List<AppMessage> messages, String invalid) {

        /** The frame's messages, part of the trace {@code traceparent} names (null: none). */
        Prepared withTrace(String traceparent) {
            return traceparent == null ? this : new Prepared(messages.stream().map(m -> m.withTrace(traceparent)).toList(), invalid);
        }
    }

    /** @return the frame's messages, or why the frame is refused */
    static Prepared prepare(String app, JsonNode frame, String sourceId) {
        try {
            return new Prepared(messagesOf(app, frame, sourceId), null);
        } catch (PushFrameException e) {
            return new Prepared(List.of(), e.getMessage());
        }
    }

    /**
     * Many do_push frames' messages together, in order (one round of the core for all).
     *
     * @return for each frame, null when every message was taken, else why not (a quota)
     */
    Uni<List<String>> publishAll(List<Prepared> frames) {
        List<AppMessage> all = frames.stream().flatMap(f -> f.messages().stream()).toList();
        return messages.sendAll(all).map(sent -> {
            List<String> refusals = new ArrayList<>(frames.size());
            int next = 0;
            for (Prepared frame : frames) {
                List<AppMessages.Sent> ofFrame = sent.subList(next, next + frame.messages().size());
                next += frame.messages().size();
                refusals.add(ofFrame.stream().map(AppMessages.Sent::refusal).filter(java.util.Objects::nonNull).findFirst().orElse(null));
            }
            return refusals;
        });
    }

    /** One message per channel or alias, each with its own message id (a client acks each by its own). */
    private static List<AppMessage> messagesOf(String app, JsonNode frame, String sourceId) {
        String method = frame.path("method").asText("");
        boolean toAlias = switch (method) {
            case "publish" -> false;
            case "publish_to_alias" -> true;
            default -> throw new PushFrameException("method must be publish or publish_to_alias");
        };
        String field = toAlias ? "alias" : "topic";
        List<String> targets = names(frame.get(field), field);
        JsonNode msg = frame.get("msg");
        if (msg == null || msg.isNull()) {
            throw new PushFrameException("msg is required");
        }
        if (MessageBodies.tooLarge(msg)) {
            throw new PushFrameException("msg must be at most " + MessageBodies.MAX_BYTES + " bytes");
        }
        long ttl = ttlOf(frame.path("opts"), toAlias ? AppMessage.ALIAS_TTL_SECONDS : AppMessage.TOPIC_TTL_SECONDS);
        List<AppMessage> messages = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            // asking twice (a frame Kafka delivers again) stores each once
            messages.add(new AppMessage(app, toAlias, targets.get(i), msg, 1, ttl, MessageIds.next(), null,
                sourceId == null ? null : sourceId + "#" + i));
        }
        return messages;
    }
    private static List<String> names(JsonNode list, String field) {
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MOST_TARGETS) {
            throw new PushFrameException(field + " must be a list of 1-" + MOST_TARGETS + " names");
        }
        List<String> names = new ArrayList<>(list.size());
        for (JsonNode name : list) {
            names.add(PushNames.name(name, field));
        }
        return names;
    }

    private static long ttlOf(JsonNode opts, long otherwise) {
        JsonNode ttl = opts.get("time_to_live");
        if (ttl == null || ttl.isNull()) {
            return otherwise;
        }
        if (!ttl.canConvertToLong() || ttl.asLong() < 0 || ttl.asLong() > DeliverRules.MAX_TTL_SECONDS) {
            throw new PushFrameException("opts.time_to_live must be 0-" + DeliverRules.MAX_TTL_SECONDS + " seconds");
        }
        return ttl.asLong();
    }
}
