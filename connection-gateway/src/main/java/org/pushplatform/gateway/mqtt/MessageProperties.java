package org.pushplatform.gateway.mqtt;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import org.pushplatform.contract.MqttApi;

/**
 * MQTT 5's message properties between Netty's packets and the platform's messages: payload format, content type,
 * response topic, correlation data and user properties pass through; the message expiry interval becomes an instant
 * on the way in and the time left on the way out.
 */
final class MessageProperties {

    private MessageProperties() {
    }

    /** The message's properties, or null when it has none that travel. */
    static MqttApi.Properties read(MqttProperties properties, long now) {
        if (properties == null || properties.isEmpty()) {
            return null;
        }
        Integer format = (Integer) value(properties, MqttPropertyType.PAYLOAD_FORMAT_INDICATOR);
        Integer expiry = (Integer) value(properties, MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL);
        byte[] correlation = (byte[]) value(properties, MqttPropertyType.CORRELATION_DATA);
        List<List<String>> user = new ArrayList<>();
        for (var property : properties.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
            if (property instanceof MqttProperties.UserProperty one) {
                user.add(List.of(one.value().key, one.value().value));
            } else if (property instanceof MqttProperties.UserProperties many) {
                many.value().forEach(pair -> user.add(List.of(pair.key, pair.value)));
            }
        }
        var read = new MqttApi.Properties(format, expiry == null ? null : now + Integer.toUnsignedLong(expiry) * 1000,
            (String) value(properties, MqttPropertyType.CONTENT_TYPE), (String) value(properties, MqttPropertyType.RESPONSE_TOPIC),
            correlation == null ? null : Base64.getEncoder().encodeToString(correlation), user.isEmpty() ? null : user);
        return read.equals(new MqttApi.Properties(null, null, null, null, null, null)) ? null : read;
    }

    /** Netty's properties of a message going out to an MQTT 5 client, its expiry as the whole seconds left. */
    static MqttProperties write(MqttApi.Properties properties, long now) {
        if (properties == null) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties out = new MqttProperties();
        if (properties.payloadFormat() != null) {
            out.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), properties.payloadFormat()));
        }
        if (properties.expiresAt() != null) {
            out.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
                (int) Math.max(1, (properties.expiresAt() - now + 999) / 1000)));
        }
        if (properties.contentType() != null) {
            out.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), properties.contentType()));
        }
        if (properties.responseTopic() != null) {
            out.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), properties.responseTopic()));
        }
        if (properties.correlationData() != null) {
            out.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(),
                Base64.getDecoder().decode(properties.correlationData())));
        }
        if (properties.userProperties() != null) {
            List<MqttProperties.StringPair> pairs = new ArrayList<>();
            properties.userProperties().stream().filter(p -> p.size() == 2).forEach(p -> pairs.add(new MqttProperties.StringPair(p.get(0), p.get(1))));
            out.add(new MqttProperties.UserProperties(pairs));
        }
        return out;
    }

    /** True when the message's expiry has passed: it is never delivered then. */
    static boolean expired(MqttApi.Properties properties, long now) {
        return properties != null && properties.expiresAt() != null && properties.expiresAt() <= now;
    }

    private static Object value(MqttProperties properties, MqttPropertyType type) {
        var property = properties.getProperty(type.value());
        return property == null ? null : property.value();
    }
}
