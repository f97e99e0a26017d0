package org.pushplatform.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

class MqttPacketFramerTest {

    private static final int LIMIT = 1024;

    /** The gateway's inbound pipeline: whole packets, then Netty's decoder. */
    private static EmbeddedChannel inbound() {
        return new EmbeddedChannel(new MqttPacketFramer(LIMIT), new MqttDecoder(LIMIT + 8));
    }

    private static ByteBuf encoded(MqttMessage message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(message);
        return encoder.readOutbound();
    }

    private static ByteBuf connect() {
        return encoded(MqttMessageBuilders.connect().clientId("c1").protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).build());
    }

    private static ByteBuf publish(String topic, int payloadBytes) {
        return encoded(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).messageId(5)
            .payload(Unpooled.wrappedBuffer(new byte[payloadBytes])).build());
    }

    @Test
    void aPublishSplitInsideItsVariableHeaderIsDecodedWhole() {
        EmbeddedChannel channel = inbound();
        channel.writeInbound(connect());
        assertThat((Object) channel.readInbound()).isInstanceOf(MqttConnectMessage.class);
        ByteBuf packet = publish("sensors/k1/temp", 16);
        // the fixed header and part of the topic, then the rest: Netty's decoder alone took this for a packet over its limit
        channel.writeInbound(packet.readRetainedSlice(6));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(packet);
        MqttPublishMessage publish = channel.readInbound();
        assertThat(publish.decoderResult().isSuccess()).isTrue();
        assertThat(publish.variableHeader().topicName()).isEqualTo("sensors/k1/temp");
        assertThat(publish.variableHeader().packetId()).isEqualTo(5);
        assertThat(publish.payload().readableBytes()).isEqualTo(16);
        publish.release();
    }

    @Test
    void manyPacketsInOneReadAreEachDecoded() {
        EmbeddedChannel channel = inbound();
        channel.writeInbound(connect());
        channel.readInbound();
        channel.writeInbound(Unpooled.wrappedBuffer(publish("a", 3), publish("b", 4), publish("c", 5)));
        for (String topic : new String[] {"a", "b", "c"}) {
            MqttPublishMessage publish = channel.readInbound();
            assertThat(publish.variableHeader().topicName()).isEqualTo(topic);
            publish.release();
        }
    }

    @Test
    void aPacketOverTheLimitIsRefusedFromItsHeaderAlone() {
        EmbeddedChannel channel = inbound();
        channel.writeInbound(connect());
        channel.readInbound();
        ByteBuf big = publish("big", LIMIT * 2);
        ByteBuf header = big.readRetainedSlice(8);
        big.release();
        assertThatThrownBy(() -> channel.writeInbound(header)).isInstanceOf(TooLongFrameException.class);
        // the rest of the connection's bytes are dropped: it is being closed
        channel.writeInbound(Unpooled.copiedBuffer("anything", StandardCharsets.UTF_8));
        assertThat((Object) channel.readInbound()).isNull();
    }
}
