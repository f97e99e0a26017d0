package org.pushplatform.gateway.mqtt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;

/**
 * Writes the packets of one connection that are not messages, in its protocol version: routing's answers (CONNACK,
 * SUBACK, UNSUBACK, PUBACK) and the gateway's own (PINGRESP, DISCONNECT). Remembers the filters of each SUBSCRIBE
 * and UNSUBSCRIBE on their way, to keep the connection's {@link GrantedFilters} as routing answers them. Used on the
 * connection's event loop only.
 */
final class MqttPacketWriter {

    private final Channel channel;
    private final GrantedFilters filters;
    private final Map<Integer, List<String>> subscribing = new HashMap<>();
    private final Map<Integer, List<String>> unsubscribing = new HashMap<>();
    private MqttVersion version = MqttVersion.MQTT_3_1_1;
    private Consumer<MqttApi.Connack> onConnack = connack -> { };

    MqttPacketWriter(Channel channel, GrantedFilters filters) {
        this.channel = channel;
        this.filters = filters;
    }

    void version(MqttVersion version) {
        this.version = version;
    }

    MqttVersion version() {
        return version;
    }

    boolean isV5() {
        return MqttCodes.isV5(version);
    }

    /** What the connection does with its CONNACK (routing's answer to its CONNECT). */
    void onConnack(Consumer<MqttApi.Connack> onConnack) {
        this.onConnack = onConnack;
    }

    void subscribing(int packetId, List<String> filters) {
        subscribing.put(packetId, filters);
    }

    void unsubscribing(int packetId, List<String> filters) {
        unsubscribing.put(packetId, filters);
    }

    /** One of routing's answers. */
    void reply(String event, JsonNode payload) {
        try {
            switch (event) {
                case MqttApi.CONNACK -> onConnack.accept(EnvelopeCodec.mapper().treeToValue(payload, MqttApi.Connack.class));
                case MqttApi.SUBACK -> suback(EnvelopeCodec.mapper().treeToValue(payload, MqttApi.Suback.class));
                case MqttApi.UNSUBACK -> unsuback(EnvelopeCodec.mapper().treeToValue(payload, MqttApi.Unsuback.class));
                case MqttApi.PUBACK, MqttApi.PUBREC -> {
                    MqttApi.Puback puback = EnvelopeCodec.mapper().treeToValue(payload, MqttApi.Puback.class);
                    acknowledge(event.equals(MqttApi.PUBACK) ? MqttMessageType.PUBACK : MqttMessageType.PUBREC, puback.packetId(),
                        MqttCodes.puback(puback.result()));
                }
                case MqttApi.PUBCOMP -> {
                    MqttApi.Release release = EnvelopeCodec.mapper().treeToValue(payload, MqttApi.Release.class);
                    acknowledge(MqttMessageType.PUBCOMP, release.packetId(), release.known() ? MqttCodes.NORMAL : MqttCodes.PACKET_ID_NOT_FOUND);
                }
                default -> {
                    // an event of no MQTT packet: nothing to write
                }
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // routing writes these; one that does not read is a bug there, and this connection lives on
        }
    }

    void connack(MqttApi.ConnectResult result, boolean sessionPresent, String assignedClientId, int maxPacketBytes) {
        MqttProperties properties = new MqttProperties();
        if (isV5()) {
            if (assignedClientId != null) {
                properties.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
                    assignedClientId));
            }
            // Maximum QoS is absent when it is 2 (MQTT 5 allows only 0 or 1 there)
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(),
                InboundTopicAliases.MOST));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), maxPacketBytes));
        }
        var written = channel.writeAndFlush(MqttMessageBuilders.connAck().returnCode(MqttCodes.connack(result, version))
            .sessionPresent(sessionPresent).properties(properties).build());
        if (result != MqttApi.ConnectResult.ACCEPTED) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void suback(MqttApi.Suback suback) {
        List<String> asked = subscribing.remove(suback.packetId());
        int[] codes = new int[suback.granted().size()];
        for (int i = 0; i < codes.length; i++) {
            String filter = asked != null && i < asked.size() ? asked.get(i) : null;
            codes[i] = MqttCodes.suback(suback.granted().get(i), filter, version);
            if (filter != null) {
                filters.grant(filter, suback.granted().get(i));
            }
        }
        channel.writeAndFlush(new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
            new MqttMessageIdAndPropertiesVariableHeader(suback.packetId(), MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(codes)));
    }

    private void unsuback(MqttApi.Unsuback unsuback) {
        List<String> asked = unsubscribing.remove(unsuback.packetId());
        short[] codes = new short[unsuback.found().size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = unsuback.found().get(i) ? MqttCodes.NORMAL : MqttCodes.NO_SUBSCRIPTION_EXISTED;
            if (asked != null && i < asked.size()) {
                filters.remove(asked.get(i));
            }
        }
        channel.writeAndFlush(new MqttUnsubAckMessage(new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
            new MqttMessageIdAndPropertiesVariableHeader(unsuback.packetId(), MqttProperties.NO_PROPERTIES),
            isV5() ? new MqttUnsubAckPayload(codes) : null));
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP; the reason code for MQTT 5 only. */
    void acknowledge(MqttMessageType type, int packetId, byte reason) {
        // PUBREL's fixed header has its QoS bits at 1, as MQTT asks
        var header = new MqttFixedHeader(type, false, type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE, false, 0);
        channel.writeAndFlush(new MqttMessage(header, isV5() && reason != MqttCodes.NORMAL
            ? new MqttPubReplyMessageVariableHeader(packetId, reason, MqttProperties.NO_PROPERTIES)
            : MqttMessageIdVariableHeader.from(packetId)));
    }

    void pingresp() {
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    /** MQTT 5: DISCONNECT with the reason, then the close; MQTT 3.1.1 has no server DISCONNECT: the close alone. */
    void disconnect(byte reason) {
        if (!isV5() || !channel.isActive()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
            new MqttReasonCodeAndPropertiesVariableHeader(reason, MqttProperties.NO_PROPERTIES))).addListener(ChannelFutureListener.CLOSE);
    }
}
