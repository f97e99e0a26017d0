package org.pushplatform.gateway.mqtt;

import java.util.HashMap;
import java.util.Map;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * MQTT 5 topic aliases a client sets on its PUBLISHes to this connection: a PUBLISH with a topic and an alias sets the
 * alias, one with an empty topic and an alias means the alias's topic. At most {@link #MOST} (told in CONNACK).
 */
final class InboundTopicAliases {

    static final int MOST = 64;

    private final int most;
    private final Map<Integer, String> topics = new HashMap<>();

    InboundTopicAliases(int most) {
        this.most = most;
    }

    /** The PUBLISH's topic, its alias applied; null when the alias is out of range or was never set. */
    String topicOf(String topic, MqttProperties properties) {
        var property = properties == null ? null : properties.getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value());
        if (property == null) {
            return topic;
        }
        int alias = (Integer) property.value();
        if (alias < 1 || alias > most) {
            return null;
        }
        if (topic == null || topic.isEmpty()) {
            return topics.get(alias);
        }
        topics.put(alias, topic);
        return topic;
    }
}
