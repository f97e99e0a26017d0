package org.pushplatform.gateway.mqtt;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.OutboundEvent;

/**
 * What goes to one MQTT client: routing's answers (CONNACK, SUBACK, UNSUBACK, PUBACK, PUBREC, PUBCOMP, through
 * {@link MqttPacketWriter}) and messages as PUBLISH. QoS 1 and 2 messages get a packet id not in flight and wait for
 * their PUBACK, or PUBREC then PUBCOMP (delivered at PUBCOMP); at most the
 * in-flight window (the client's receive maximum, capped by the listener) are in flight, the rest queue in order up to
 * a bound past which the connection is closed (what is stored stays stored for its next connection). No message goes
 * before the connection's CONNACK. Every method hands its work to the connection's event loop, which alone touches
 * this state.
 */
final class MqttOutbound implements ClientSink {

    /** One QoS 1 message in flight or queued. */
    private static final class Pending {
        final MqttApi.Message message;
        final byte[] payload;
        final String receiptId;
        final Consumer<JsonNode> onAck;
        final Runnable onTimeout;
        final long timeoutMs;
        ScheduledFuture<?> timer;
        boolean timedOut;
        int qos;
        boolean retain;
        /** it may have reached an earlier connection: sent with DUP */
        boolean dup;
        List<Integer> subscriptionIds;

        Pending(MqttApi.Message message, byte[] payload, String receiptId, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
            this.message = message;
            this.payload = payload;
            this.receiptId = receiptId;
            this.timeoutMs = timeoutMs;
            this.onAck = onAck;
            this.onTimeout = onTimeout;
        }
    }

    /** A PUBLISH's topic and payload, decoded once for every connection it goes to. */
    private record Decoded(MqttApi.Message message, byte[] payload) {
    }

    private final Channel channel;
    private final MqttPacketWriter packets;
    private final GrantedFilters filters;
    private final int maxQueued;
    private final MeterRegistry metrics;
    private final Map<Integer, Pending> inFlight = new HashMap<>();
    private final Set<String> onItsWay = new HashSet<>();
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    private final ArrayDeque<Runnable> heldForConnack = new ArrayDeque<>();
    private boolean open;
    private int window;
    private int nextPacketId = 1;
    private volatile String clientId;
    private long maxPacketBytes;
    private OutboundTopicAliases topicAliases = new OutboundTopicAliases(0);

    MqttOutbound(Channel channel, MqttPacketWriter packets, GrantedFilters filters, int maxInflight, int maxQueued, MeterRegistry metrics) {
        this.channel = channel;
        this.packets = packets;
        this.filters = filters;
        this.window = maxInflight;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
    }

    /** The client's receive maximum, when it is below the listener's window. Called on the event loop. */
    void receiveMaximum(int most) {
        window = Math.max(1, Math.min(window, most));
    }

    @Override
    public void emit(OutboundEvent event, Runnable onWritten) {
        Decoded decoded = isMessage(event) ? decoded(event) : null;
        channel.eventLoop().execute(() -> {
            if (isMessage(event)) {
                whenConnected(() -> {
                    GrantedFilters.Outgoing outgoing = decoded == null ? null : outgoingOf(event, decoded.message());
                    if (outgoing != null) {
                        publish(decoded.message(), decoded.payload(), MqttQoS.AT_MOST_ONCE, outgoing, 0, false, onWritten);
                    }
                });
            } else if (!event.args().isEmpty()) {
                packets.reply(event.name(), event.args().get(0));
                if (onWritten != null) {
                    onWritten.run();
                }
            }
        });
    }

    @Override
    public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        emitStoredWithAck(event, null, timeoutMs, onAck, onTimeout);
    }

    @Override
    public void emitStoredWithAck(OutboundEvent event, String receiptId, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
        Decoded decoded = isMessage(event) ? decoded(event) : null;
        channel.eventLoop().execute(() -> whenConnected(() -> {
            if (decoded == null || (receiptId != null && !onItsWay.add(receiptId))) {
                return; // not a message, or on its way to this client already: its first write reports
            }
            GrantedFilters.Outgoing outgoing = outgoingOf(event, decoded.message());
            boolean expired = MessageProperties.expired(decoded.message().properties(), System.currentTimeMillis());
            if (outgoing == null || outgoing.qos() == 0 || expired) {
                // not for this client (no local), at QoS 0, or past its expiry (never delivered then): done with as far as
                // the core is concerned
                onItsWay.remove(receiptId);
                if (outgoing == null || expired
                    || !publish(decoded.message(), decoded.payload(), MqttQoS.AT_MOST_ONCE, outgoing, 0, false, () -> onAck.accept(null))) {
                    onAck.accept(null);
                }
                return;
            }
            Pending pending = new Pending(decoded.message(), decoded.payload(), receiptId, timeoutMs, onAck, onTimeout);
            pending.qos = outgoing.qos();
            pending.retain = outgoing.retain();
            pending.dup = event.redelivery();
            pending.subscriptionIds = outgoing.subscriptionIds();
            if (inFlight.size() < window) {
                send(pending);
            } else if (queued.size() < maxQueued) {
                queued.add(pending);
            } else {
                tooSlow();
            }
        }));
    }

    /**
     * The client's PUBREC of a QoS 2 message: PUBREL goes back and the message stays in flight until PUBCOMP; an
     * MQTT 5 refusal (a reason code of 0x80 or more) ends it.
     */
    void received(int packetId, int reasonCode) {
        if (reasonCode >= 0x80) {
            acked(packetId);
            return;
        }
        if (inFlight.containsKey(packetId)) {
            packets.acknowledge(MqttMessageType.PUBREL, packetId, MqttCodes.NORMAL);
        } else {
            packets.acknowledge(MqttMessageType.PUBREL, packetId, MqttCodes.PACKET_ID_NOT_FOUND);
        }
    }

    /** The client's PUBACK (QoS 1) or PUBCOMP (QoS 2). */
    void acked(int packetId) {
        Pending pending = inFlight.remove(packetId);
        if (pending == null) {
            metrics.counter("push_gateway_frames_total", "api", MqttApi.API, "outcome", "unknown-puback").increment();
            return;
        }
        if (pending.receiptId != null) {
            onItsWay.remove(pending.receiptId);
        }
        pending.timer.cancel(false);
        if (!pending.timedOut) {
            pending.onAck.accept(null);
        }
        while (inFlight.size() < window && !queued.isEmpty()) {
            send(queued.poll());
        }
    }

    private void send(Pending pending) {
        int packetId = nextFreePacketId();
        inFlight.put(packetId, pending);
        // past its timeout the core hears it was not acked (it stays stored); the packet stays in flight: MQTT sends
        // again only on a new connection
        pending.timer = channel.eventLoop().schedule(() -> {
            pending.timedOut = true;
            pending.onTimeout.run();
        }, pending.timeoutMs, TimeUnit.MILLISECONDS);
        if (!publish(pending.message, pending.payload, MqttQoS.valueOf(pending.qos),
            new GrantedFilters.Outgoing(pending.qos, pending.retain, pending.subscriptionIds), packetId, pending.dup, null)) {
            acked(packetId); // over the client's maximum packet size: done with, as MQTT 5 has it
        }
    }

    private int nextFreePacketId() {
        while (inFlight.containsKey(nextPacketId)) {
            nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        }
        int id = nextPacketId;
        nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
        return id;
    }

    /**
     * One PUBLISH; for MQTT 5 with the message's properties (its expiry as the time left), the subscription
     * identifiers it matched and a topic alias where the client takes them. @return false when it was not written: past
     * its expiry, or bigger than the client's maximum packet size (dropped, as MQTT 5 asks)
     */
    private boolean publish(MqttApi.Message message, byte[] payload, MqttQoS qos, GrantedFilters.Outgoing outgoing, int packetId,
                            boolean dup, Runnable onWritten) {
        long now = System.currentTimeMillis();
        if (MessageProperties.expired(message.properties(), now)) {
            return false;
        }
        String topic = message.topic();
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (packets.isV5()) {
            properties = MessageProperties.write(message.properties(), now);
            if (properties == MqttProperties.NO_PROPERTIES) {
                properties = new MqttProperties();
            }
            for (Integer id : outgoing.subscriptionIds()) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
            }
            if (maxPacketBytes > 0 && estimatedSize(topic, payload, properties) > maxPacketBytes) {
                metrics.counter("push_gateway_deliveries_total", "outcome", "over-client-maximum-packet").increment();
                return false;
            }
            int alias = topicAliases.aliasOf(topic);
            if (alias > 0) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value(), alias));
            } else if (alias < 0) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS.value(), -alias));
                topic = "";
            }
        }
        // DUP only above QoS 0, as MQTT has it
        var packet = new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup && qos != MqttQoS.AT_MOST_ONCE, qos,
            outgoing.retain(), 0),
            new MqttPublishVariableHeader(topic, packetId, properties), Unpooled.wrappedBuffer(payload));
        var written = channel.writeAndFlush(packet);
        if (onWritten != null) {
            written.addListener(future -> {
                if (future.isSuccess()) {
                    onWritten.run();
                }
            });
        }
        return true;
    }

    /** A PUBLISH's size on the wire, near enough (properties counted at their largest) to respect a client's limit. */
    private static long estimatedSize(String topic, byte[] payload, MqttProperties properties) {
        long propertyBytes = 0;
        for (var property : properties.listAll()) {
            Object value = property.value();
            propertyBytes += 1 + (value instanceof byte[] bytes ? 2 + bytes.length : value instanceof String text
                ? 2 + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : value instanceof List<?> pairs ? 64L * pairs.size() : 4);
        }
        return 5 + 2 + topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2 + 4 + propertyBytes + payload.length;
    }

    /** MQTT 5 client's maximum packet size (0: none) and topic alias maximum, from its CONNECT. */
    void clientLimits(long maxPacketBytes, int topicAliasMaximum) {
        this.maxPacketBytes = maxPacketBytes;
        this.topicAliases = new OutboundTopicAliases(topicAliasMaximum);
    }

    private static boolean isMessage(OutboundEvent event) {
        return MqttApi.PUBLISH.equals(event.name()) || MqttApi.RETAINED.equals(event.name());
    }

    /**
     * A retained message sent at subscribe goes at the QoS routing chose, retain set; any other as the connection's
     * filters say.
     */
    private GrantedFilters.Outgoing outgoingOf(OutboundEvent event, MqttApi.Message message) {
        if (MqttApi.RETAINED.equals(event.name())) {
            GrantedFilters.Outgoing matched = filters.outgoing(message.topic(), message.qos(), true, false);
            return new GrantedFilters.Outgoing(message.qos(), true, matched == null ? List.of() : matched.subscriptionIds());
        }
        return filters.outgoing(message.topic(), message.qos(), message.retain(), clientId != null && clientId.equals(message.origin()));
    }

    /**
     * The CONNACK was written: the messages held for it go out, in order, under the filters it brought; on a refused
     * CONNECT they are dropped (stored ones stay stored for the session). Called on the event loop.
     */
    void connected(boolean accepted) {
        open = accepted;
        if (!accepted) {
            heldForConnack.clear();
        }
        while (!heldForConnack.isEmpty()) {
            heldForConnack.poll().run();
        }
    }

    /**
     * Runs a message's writing now, or once the CONNACK is out: routing may send a resumed session's messages to the new
     * connection before it answers the CONNECT, and MQTT wants the CONNACK first (npm mqtt acks what comes before it
     * and hands it on before its user listens: the message was lost).
     */
    private void whenConnected(Runnable write) {
        if (open) {
            write.run();
        } else if (heldForConnack.size() < maxQueued) {
            heldForConnack.add(write);
        } else {
            tooSlow();
        }
    }

    private void tooSlow() {
        metrics.counter("push_gateway_disconnects_total", "api", MqttApi.API, "reason", "slow-consumer").increment();
        channel.close();
    }

    /** The connection's client id, once its CONNECT named it: its own messages are known by it. */
    void clientId(String clientId) {
        this.clientId = clientId;
    }

    private static Decoded decoded(OutboundEvent event) {
        return event.encoded(MqttOutbound.class, e -> {
            if (e.args().isEmpty()) {
                return null;
            }
            try {
                MqttApi.Message message = EnvelopeCodec.mapper().treeToValue(e.args().get(0), MqttApi.Message.class);
                return message.topic() == null ? null : new Decoded(message,
                    message.payload() == null ? new byte[0] : Base64.getDecoder().decode(message.payload()));
            } catch (JsonProcessingException | IllegalArgumentException invalid) {
                return null;
            }
        });
    }

    @Override
    public boolean congested() {
        return !channel.isWritable();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void close(String reason) {
        channel.eventLoop().execute(() -> packets.disconnect(MqttCodes.disconnect(reason)));
    }
}
