package org.pushplatform.routing.pubsub;

import org.pushplatform.routing.messaging.MessageIds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.contract.IotApi;
import org.pushplatform.routing.messages.AppMessage;

/**
 * What a publish frame asks for, read once for all four publish events: {@code publish} and
 * {@code publish_to_alias} carry qos and messageId beside the message and always send the default push
 * notification; {@code publish2} and {@code publish2_to_alias} carry their options in {@code opts} and send one
 * only when given {@code apn_json}.
 *
 * @param target     the topic, or the alias
 * @param messageId  the client's id, or a new one
 * @param ttlSeconds how long the message is kept for targets that have not received it
 * @param apnJson    the push notification to hand to the notification integration event, or null for none
 */
public record PublishRequest(String target, JsonNode msg, int qos, String messageId, long ttlSeconds, JsonNode apnJson) {

    public static final int DEFAULT_QOS = 1;
    public static final int MAX_ALIASES = 1000;
    /** The seed's defaults: three days for publish2, five for publish2_to_alias; fifteen at most. */
    public static final long TOPIC_TTL_SECONDS = AppMessage.TOPIC_TTL_SECONDS;
    public static final long ALIAS_TTL_SECONDS = AppMessage.ALIAS_TTL_SECONDS;
    public static final long MAX_TTL_SECONDS = Duration.ofDays(15).toSeconds();

    public static PublishRequest toTopic(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        String topic = fields.topic();
        if (topic.endsWith(TopicPresence.SUFFIX)) {
            throw new InvalidFrameException(topic + " is a presence channel: only the platform publishes there");
        }
        if (IotApi.isSysTopic(topic)) {
            throw new InvalidFrameException(topic + " is the IoT channel's: only MQTT clients publish under " + IotApi.SYS_PREFIX);
        }
        return read(topic, fields, payload, optionsInOpts, TOPIC_TTL_SECONDS);
    }

    public static PublishRequest toAlias(JsonNode payload, boolean optionsInOpts) {
        FrameFields fields = FrameFields.of(payload, false);
        return read(fields.alias(false), fields, payload, optionsInOpts, ALIAS_TTL_SECONDS);
    }

    /**
     * publish_to_alias to several aliases at once ({@code aliases: [...]}): one request per alias, sharing the
     * message, options and message id, which are read once.
     */
    public static List<PublishRequest> toAliases(JsonNode payload, JsonNode aliases) {
        if (aliases == null || !aliases.isArray() || aliases.isEmpty() || aliases.size() > MAX_ALIASES) {
            throw new InvalidFrameException("aliases must be a list of 1-" + MAX_ALIASES + " aliases");
        }
        PublishRequest shared = read(null, FrameFields.of(payload, false), payload, true, ALIAS_TTL_SECONDS);
        List<PublishRequest> requests = new ArrayList<>(aliases.size());
        for (JsonNode alias : aliases) {
            String valid = FrameFields.of(JsonNodeFactory.instance.objectNode().set("alias", alias), false).alias(false);
            requests.add(new PublishRequest(valid, shared.msg(), shared.qos(), shared.messageId(), shared.ttlSeconds(), shared.apnJson()));
        }
        return requests;
    }

    private static PublishRequest read(String target, FrameFields fields, JsonNode payload, boolean optionsInOpts, long defaultTtl) {
        FrameFields options = optionsInOpts ? FrameFields.of(payload.get("opts"), true) : fields;
        JsonNode msg = fields.message();
        int qos = options.qos(DEFAULT_QOS);
        long ttl = options.timeToLive(defaultTtl, MAX_TTL_SECONDS);
        JsonNode apn = optionsInOpts ? options.apnJson() : defaultNotification(msg);
        return new PublishRequest(target, msg, qos, options.messageId().orElseGet(MessageIds::next), ttl, apn);
    }

    /** The push notification publish and publish_to_alias send: the message as the alert. */
    private static JsonNode defaultNotification(JsonNode msg) {
        ObjectNode apn = JsonNodeFactory.instance.objectNode();
        apn.putObject("aps").put("alert", msg.isTextual() ? msg.asText() : msg.toString());
        return apn;
    }
}
