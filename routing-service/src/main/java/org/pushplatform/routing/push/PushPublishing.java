package org.pushplatform.routing.push;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.delivery.DeliverRules;
import org.pushplatform.routing.delivery.DeliveryHub;
import org.pushplatform.routing.messaging.MessageIds;

/**
 * do_push ({@code t:6}, and REST's {@code /push}): a message to channels ({@code method: publish, topic: [...]}) or
 * aliases ({@code method: publish_to_alias, alias: [...]}), each pushed to the push-server clients there as
 * {@code {t:5, mid, topic|alias, msg}}, stored until the client acks its {@code mid} or {@code time_to_live} ends.
 */
@ApplicationScoped
public class PushPublishing {

    static final String API = "push";
    static final String PUSH_EVENT = "push";
    /** How long a pushed message waits for its client's {@code t:-5} before it counts as not delivered (it stays stored). */
    static final long ACK_TIMEOUT_MS = 30_000;
    private static final int MOST_TARGETS = 1000;
    private static final long TOPIC_TTL_SECONDS = 3 * 24 * 3600;
    private static final long ALIAS_TTL_SECONDS = 5 * 24 * 3600;

    private final DeliveryHub hub;

    public PushPublishing(DeliveryHub hub) {
        this.hub = hub;
    }

    /** @return null when every push was taken, else why not (a quota) */
    public Uni<String> publish(String app, JsonNode frame, String sourceId) {
        List<DeliveryHub.Request> requests = requestsOf(app, frame, sourceId);
        return hub.deliverAll(requests).map(accepted -> accepted.stream().map(DeliveryHub.Accepted::refusal)
            .filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    private static List<DeliveryHub.Request> requestsOf(String app, JsonNode frame, String sourceId) {
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
        long ttl = ttlOf(frame.path("opts"), toAlias ? ALIAS_TTL_SECONDS : TOPIC_TTL_SECONDS);
        List<DeliveryHub.Request> requests = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            String mid = MessageIds.next();
            Address to = toAlias ? new Address.Identity(app, IdentityKinds.ALIAS, target) : new Address.Topic(app, target);
            Deliver push = new Deliver(to, API, PUSH_EVENT, List.of(PushReplies.push(mid, field, target, msg)), 1, ttl,
                Ack.client(ACK_TIMEOUT_MS), mid, null);
            // asking twice (a frame Kafka delivers again) stores each push once
            requests.add(new DeliveryHub.Request(push, null, sourceId == null ? null : sourceId + "#" + i));
        }
        return requests;
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
