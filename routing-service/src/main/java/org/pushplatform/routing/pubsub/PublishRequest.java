package org.pushplatform.routing.pubsub;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What a publish frame asks for, read once for all four publish events: {@code publish} and
 * {@code publish_to_alias} carry qos and messageId beside the message, {@code publish2} and
 * {@code publish2_to_alias} in {@code opts}.
 *
 * @param target    the topic, or the alias
 * @param messageId the client's id, or a new one
 */
public record PublishRequest(String target, JsonNode msg, int qos, String messageId) {

    public static final int DEFAULT_QOS = 1;
    public static final int MAX_ALIASES = 1000;

    public static PublishRequest toTopic(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        return read(fields.topic(), fields, payload, optionsInOpts);
    }

    public static PublishRequest toAlias(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        return read(fields.alias(false), fields, payload, optionsInOpts);
    }

    /**
     * publish_to_alias to several aliases at once ({@code aliases: [...]}): one request per alias, sharing the
     * message, options and message id, which are read once.
     */
    public static List<PublishRequest> toAliases(JsonNode payload, JsonNode aliases) {
        if (aliases == null || !aliases.isArray() || aliases.isEmpty() || aliases.size() > MAX_ALIASES) {
            throw new InvalidFrameException("aliases must be a list of 1-" + MAX_ALIASES + " aliases");
        }
        PublishRequest shared = read(null, FrameFields.of(payload, false), payload, true);
        List<PublishRequest> requests = new ArrayList<>(aliases.size());
        for (JsonNode alias : aliases) {
            String valid = FrameFields.of(JsonNodeFactory.instance.objectNode().set("alias", alias), false).alias(false);
            requests.add(new PublishRequest(valid, shared.msg(), shared.qos(), shared.messageId()));
        }
        return requests;
    }

    private static PublishRequest read(String target, FrameFields fields, JsonNode payload, boolean optionsInOpts) {
        FrameFields options = optionsInOpts ? FrameFields.of(payload.get("opts"), true) : fields;
        JsonNode msg = fields.message();
        int qos = options.qos(DEFAULT_QOS);
        return new PublishRequest(target, msg, qos, options.messageId().orElseGet(MessageIds::next));
    }
}
