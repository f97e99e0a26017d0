package org.pushplatform.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * Routing may send a resumed session's messages to its new connection before that connection's CONNACK (it learns the
 * connection at bind, and answers the CONNECT after reading the session's filters): they wait for the CONNACK, as
 * MQTT has it (a client library acks a PUBLISH that comes first, before its user listens: the message was lost), and
 * then go out under the filters it brought.
 */
class MqttOutboundTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final GrantedFilters filters = new GrantedFilters();
    private final MqttPacketWriter packets = new MqttPacketWriter(channel, filters);
    private final MqttOutbound outbound = new MqttOutbound(channel, packets, filters, 10, 10, new SimpleMeterRegistry());
    private final List<String> acked = new ArrayList<>();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aStoredMessageSentBeforeTheConnackWaitsForItAndGoesOutUnderTheSessionsFilters() {
        packets.version(MqttVersion.MQTT_5);
        packets.onConnack(connack -> {
            filters.grantAll(connack.subscriptions());
            packets.connack(connack.result(), connack.sessionPresent(), null, 1024);
            outbound.connected(connack.result() == MqttApi.ConnectResult.ACCEPTED);
        });

        outbound.emitStoredWithAck(message("drain/1", "q86"), "r-86", 30_000, ack -> acked.add("r-86"), () -> { });
        channel.runPendingTasks();
        assertNull(channel.readOutbound(), "nothing is written before the CONNACK");
        assertEquals(List.of(), acked, "and the message is not taken for done");

        packets.reply(MqttApi.CONNACK, EnvelopeCodec.toJson(new MqttApi.Connack(MqttApi.ConnectResult.ACCEPTED, true, null,
            List.of(new MqttApi.Subscription("drain/#", 1)))));
        channel.runPendingTasks();

        assertInstanceOf(MqttConnAckMessage.class, channel.readOutbound(), "the CONNACK first");
        MqttPublishMessage publish = assertInstanceOf(MqttPublishMessage.class, channel.readOutbound(), "then the message");
        try {
            assertEquals("drain/1", publish.variableHeader().topicName());
            assertEquals(MqttQoS.AT_LEAST_ONCE, publish.fixedHeader().qosLevel(), "at the QoS of the session's filter");
            assertEquals("q86", publish.payload().toString(StandardCharsets.UTF_8));
        } finally {
            publish.release();
        }
        assertEquals(List.of(), acked, "done only when the client acks it");
        outbound.acked(publish.variableHeader().packetId());
        assertEquals(List.of("r-86"), acked);
    }

    @Test
    void messagesHeldForARefusedConnectAreNeitherWrittenNorTakenForDone() {
        packets.onConnack(connack -> {
            packets.connack(connack.result(), false, null, 1024);
            outbound.connected(false);
        });
        outbound.emitStoredWithAck(message("t", "m"), "r-1", 30_000, ack -> acked.add("r-1"), () -> { });
        packets.reply(MqttApi.CONNACK, EnvelopeCodec.toJson(new MqttApi.Connack(MqttApi.ConnectResult.BAD_CREDENTIALS, false, "wrong password", null)));
        channel.runPendingTasks();

        assertInstanceOf(MqttConnAckMessage.class, channel.readOutbound());
        assertNull(channel.readOutbound(), "no PUBLISH on a refused connection");
        assertEquals(List.of(), acked, "it stays stored for the session");
    }

    private static OutboundEvent message(String topic, String payload) {
        var message = new MqttApi.Message(null, topic, Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)), 1, false);
        return new OutboundEvent(MqttApi.PUBLISH, List.of(EnvelopeCodec.toJson(message)));
    }
}
