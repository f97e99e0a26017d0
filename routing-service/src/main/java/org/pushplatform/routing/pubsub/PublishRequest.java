package org.pushplatform.routing.pubsub;

import com.fasterxml.jackson.databind.JsonNode;

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

    public static PublishRequest toTopic(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        return read(fields.topic(), fields, payload, optionsInOpts);
    }

    public static PublishRequest toAlias(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        return read(fields.alias(false), fields, payload, optionsInOpts);
    }

    private static PublishRequest read(String target, FrameFields fields, JsonNode payload, boolean optionsInOpts) {
        FrameFields options = optionsInOpts ? FrameFields.of(payload.get("opts"), true) : fields;
        JsonNode msg = fields.message();
        int qos = options.qos(DEFAULT_QOS);
        return new PublishRequest(target, msg, qos, options.messageId().orElseGet(MessageIds::next));
    }
}
