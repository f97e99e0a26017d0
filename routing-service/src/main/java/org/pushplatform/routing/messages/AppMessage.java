package org.pushplatform.routing.messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.delivery.Target;

/**
 * A message to everyone with an alias, or to a topic's subscribers, in one app.
 *
 * @param toAlias    to the alias named by {@code target}, or else to the topic
 * @param qos        0, 1 or 2 (as pubsub's)
 * @param ttlSeconds how long it is kept for who is offline; null: the API's default
 * @param messageId  the publisher's message id
 * @param publisher  the identity that published it (told of its first receiver), or null
 * @param sourceId   the id of the record asking, so that asking twice stores once; may be null
 * @param mqtt       what an MQTT client published (its payload's bytes and MQTT 5 properties), which MQTT clients get
 *                   as it was; null from other APIs, whose clients give JSON ({@code msg})
 * @param trace      the {@code traceparent} of the sampled trace the message is part of, or null
 */
public record AppMessage(String app, boolean toAlias, String target, JsonNode msg, int qos, Long ttlSeconds, String messageId,
                         Target publisher, String sourceId, MqttApi.Message mqtt, String trace) {

    public AppMessage(String app, boolean toAlias, String target, JsonNode msg, int qos, Long ttlSeconds, String messageId,
                      Target publisher, String sourceId, MqttApi.Message mqtt) {
        this(app, toAlias, target, msg, qos, ttlSeconds, messageId, publisher, sourceId, mqtt, null);
    }

    public AppMessage(String app, boolean toAlias, String target, JsonNode msg, int qos, Long ttlSeconds, String messageId,
                      Target publisher, String sourceId) {
        this(app, toAlias, target, msg, qos, ttlSeconds, messageId, publisher, sourceId, null, null);
    }

    /** The same message, part of the trace {@code traceparent} names (null: none). */
    public AppMessage withTrace(String traceparent) {
        return new AppMessage(app, toAlias, target, msg, qos, ttlSeconds, messageId, publisher, sourceId, mqtt, traceparent);
    }

    /** How long a message to a topic is kept when its publisher names no time to live (the seed's default). */
    public static final long TOPIC_TTL_SECONDS = java.time.Duration.ofDays(3).toSeconds();
    /** The same for a message to an alias. */
    public static final long ALIAS_TTL_SECONDS = java.time.Duration.ofDays(5).toSeconds();

    public Address to() {
        return toAlias ? new Address.Identity(app, IdentityKinds.ALIAS, target) : new Address.Topic(app, target);
    }
}
