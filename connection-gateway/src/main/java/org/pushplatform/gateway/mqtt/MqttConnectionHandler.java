package org.pushplatform.gateway.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.SessionKeys;
import org.pushplatform.contract.TopicFilters;
import org.pushplatform.contract.Transports;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.node.ClientChannels;
import org.pushplatform.gateway.session.FrameRateLimiter;
import org.pushplatform.gateway.session.ListenerCounters;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * One MQTT connection, after Netty's decoder: CONNECT, SUBSCRIBE, UNSUBSCRIBE and PUBLISH go to routing (which owns
 * the session, the filters and the messages) keyed by the app and client id; PUBACK, PINGREQ and DISCONNECT are
 * handled here. What breaks the protocol (a packet before CONNECT, a second CONNECT, QoS 3, a packet over the limit, a
 * malformed one) ends the connection, with MQTT 5's reason code, and is counted.
 */
final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {

    static final String IDLE = "idle";
    private static final Logger LOG = Logger.getLogger(MqttConnectionHandler.class);
    private static final long NEVER_EXPIRES = 0xFFFFFFFFL;

    private final GatewayConfig.MqttListener config;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final ListenerCounters counters;
    private final MeterRegistry metrics;
    private final FrameRateLimiter limiter;
    private final GrantedFilters filters = new GrantedFilters();
    private final InboundTopicAliases aliases = new InboundTopicAliases(InboundTopicAliases.MOST);
    private LocalConnection connection;
    private MqttPacketWriter packets;
    private MqttOutbound outbound;
    private boolean connectSeen;
    private String clientId;
    private boolean accepted;
    private ScheduledFuture<?> connackTimer;

    MqttConnectionHandler(GatewayConfig.MqttListener config, InboundPublisher publisher, LocalConnections connections, ListenerCounters counters,
                          MeterRegistry metrics) {
        this.config = config;
        this.publisher = publisher;
        this.connections = connections;
        this.counters = counters;
        this.metrics = metrics;
        this.limiter = new FrameRateLimiter(config.framesPerSecond());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        packets = new MqttPacketWriter(ctx.channel(), filters);
        outbound = new MqttOutbound(ctx.channel(), packets, filters, config.maxInflight(), config.maxQueued(), metrics);
        connection = connections.add(new LocalConnection(UUID.randomUUID().toString(), MqttApi.API, "routing", null, Transports.MQTT,
            outbound));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connackTimer != null) {
            connackTimer.cancel(false);
        }
        if (connection != null) {
            connections.remove(connection.connectionId());
            if (connectSeen) {
                publisher.closed(connection, connection.routingKey());
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            MqttMessage packet = (MqttMessage) message;
            if (packet.decoderResult().isFailure()) {
                undecodable(ctx, packet.decoderResult().cause());
                return;
            }
            var type = packet.fixedHeader().messageType();
            if (!connectSeen && type != io.netty.handler.codec.mqtt.MqttMessageType.CONNECT) {
                end(ctx, "no-connect", MqttCodes.PROTOCOL_ERROR);
                return;
            }
            if (!limiter.tryAcquire(1)) {
                counters.frame("rate-limited");
                if (limiter.dropped() > config.floodDisconnectAfter() && limiter.markDisconnected()) {
                    end(ctx, "flood", MqttCodes.QUOTA_EXCEEDED);
                }
                return;
            }
            switch (type) {
                case CONNECT -> connect(ctx, (MqttConnectMessage) packet);
                case PUBLISH -> publish(ctx, (MqttPublishMessage) packet);
                case PUBACK, PUBCOMP -> outbound.acked(packetIdOf(packet));
                case PUBREC -> outbound.received(packetIdOf(packet), reasonOf(packet));
                case PUBREL -> forward(MqttApi.PUBREL, EnvelopeCodec.toJson(new MqttApi.Release(packetIdOf(packet), true)));
                case SUBSCRIBE -> subscribe((MqttSubscribeMessage) packet);
                case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) packet);
                case PINGREQ -> packets.pingresp();
                case DISCONNECT -> {
                    // before the close, so that routing knows whether the will goes (MQTT 5's 0x04) or not
                    int reason = packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader v5 ? v5.reasonCode() & 0xFF : 0;
                    forward(MqttApi.DISCONNECT, EnvelopeCodec.toJson(new MqttApi.Disconnect(reason)));
                    counters.disconnect("client");
                    ctx.close();
                }
                default -> end(ctx, "unexpected-packet", MqttCodes.PROTOCOL_ERROR);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void connect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        if (connectSeen) {
            end(ctx, "second-connect", MqttCodes.PROTOCOL_ERROR);
            return;
        }
        connectSeen = true;
        var header = connect.variableHeader();
        packets.version(MqttVersion.fromProtocolNameAndLevel(header.name(), (byte) header.version()));
        String clientId = connect.payload().clientIdentifier();
        boolean assigned = clientId == null || clientId.isEmpty();
        if (assigned && !packets.isV5() && !header.isCleanSession()) {
            // MQTT 3.1.1: a session nobody could come back to is refused
            counters.frame("client-id-rejected");
            packets.connack(MqttApi.ConnectResult.CLIENT_ID_REJECTED, false, null, config.maxPacketBytes());
            return;
        }
        if (assigned) {
            clientId = "auto-" + UUID.randomUUID();
        }
        this.clientId = clientId;
        outbound.clientId(clientId);
        String username = connect.payload().userName();
        byte[] password = connect.payload().passwordInBytes();
        Long expiry = header.isCleanSession() && !packets.isV5() ? Long.valueOf(0) : null;
        if (packets.isV5()) {
            expiry = intProperty(header.properties(), MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0);
            expiry = expiry == NEVER_EXPIRES ? null : expiry;
            long receiveMaximum = intProperty(header.properties(), MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM, 65_535);
            outbound.receiveMaximum((int) receiveMaximum);
            outbound.clientLimits(intProperty(header.properties(), MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE, 0),
                (int) intProperty(header.properties(), MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0));
        }
        String app = username == null ? "" : username;
        connection.claimApp(app);
        connection.useRoutingKey(SessionKeys.of(app, clientId));
        keepAlive(ctx, header.keepAliveTimeSeconds());
        final String assignedId = assigned ? clientId : null;
        packets.onConnack(connack -> connacked(connack, assignedId));
        connackTimer = ctx.channel().eventLoop().schedule(() -> {
            if (!accepted) {
                end(ctx, "connect-unanswered", MqttCodes.UNSPECIFIED_ERROR);
            }
        }, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        MqttApi.Message will = null;
        Long willDelay = null;
        if (header.isWillFlag()) {
            var willProperties = connect.payload().willProperties();
            will = new MqttApi.Message(null, connect.payload().willTopic(), Base64.getEncoder().encodeToString(connect.payload().willMessageInBytes()),
                header.willQos(), header.isWillRetain(), MessageProperties.read(willProperties, System.currentTimeMillis()), clientId);
            willDelay = packets.isV5() ? intProperty(willProperties, MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL, 0) : null;
        }
        var frame = new MqttApi.Connect(clientId, assigned, username, password == null ? null : new String(password, StandardCharsets.UTF_8),
            header.isCleanSession(), expiry, header.version(), will, willDelay);
        forward(MqttApi.CONNECT, EnvelopeCodec.toJson(frame));
    }

    private void connacked(MqttApi.Connack connack, String assignedClientId) {
        if (connackTimer != null) {
            connackTimer.cancel(false);
        }
        accepted = connack.result() == MqttApi.ConnectResult.ACCEPTED;
        if (accepted && connack.subscriptions() != null) {
            filters.grantAll(connack.subscriptions());
        }
        counters.frame(accepted ? "connected" : "connect-refused");
        packets.connack(connack.result(), connack.sessionPresent(), assignedClientId, config.maxPacketBytes());
        outbound.connected(accepted);
    }

    /** The client's keep alive, and half of it again, before silence ends the connection (MQTT's 1.5 times). */
    private static void keepAlive(ChannelHandlerContext ctx, int seconds) {
        if (seconds > 0) {
            ctx.pipeline().replace(IDLE, IDLE, new IdleStateHandler(seconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        } else {
            ctx.pipeline().remove(IDLE);
        }
    }

    private void publish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        int qos = publish.fixedHeader().qosLevel().value();
        if (qos > MqttApi.MAX_QOS) {
            end(ctx, "invalid-qos", MqttCodes.MALFORMED_PACKET);
            return;
        }
        String topic = aliases.topicOf(publish.variableHeader().topicName(), publish.variableHeader().properties());
        if (topic == null) {
            end(ctx, "invalid-topic-alias", MqttCodes.TOPIC_ALIAS_INVALID);
            return;
        }
        if (TopicFilters.topicProblem(topic) != null) {
            end(ctx, "invalid-topic", MqttCodes.TOPIC_NAME_INVALID);
            return;
        }
        byte[] payload = new byte[publish.payload().readableBytes()];
        publish.payload().getBytes(publish.payload().readerIndex(), payload);
        var message = new MqttApi.Message(qos > 0 ? publish.variableHeader().packetId() : null, topic,
            Base64.getEncoder().encodeToString(payload), qos, publish.fixedHeader().isRetain(),
            packets.isV5() ? MessageProperties.read(publish.variableHeader().properties(), System.currentTimeMillis()) : null, clientId);
        forward(MqttApi.PUBLISH, EnvelopeCodec.toJson(message));
    }

    private void subscribe(MqttSubscribeMessage subscribe) {
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        List<MqttApi.Subscription> asked = new ArrayList<>();
        var idProperty = subscribe.idAndPropertiesVariableHeader().properties()
            .getProperty(MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
        Integer subscriptionId = idProperty == null ? null : (Integer) idProperty.value();
        subscribe.payload().topicSubscriptions().forEach(s -> asked.add(new MqttApi.Subscription(s.topicName(), s.option().qos().value(),
            s.option().isNoLocal(), s.option().isRetainAsPublished(), s.option().retainHandling().value(), subscriptionId)));
        asked.forEach(filters::asked);
        packets.subscribing(packetId, asked.stream().map(MqttApi.Subscription::filter).toList());
        forward(MqttApi.SUBSCRIBE, EnvelopeCodec.toJson(new MqttApi.Subscribe(packetId, asked)));
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        int packetId = unsubscribe.idAndPropertiesVariableHeader().messageId();
        List<String> filters = List.copyOf(unsubscribe.payload().topics());
        packets.unsubscribing(packetId, filters);
        forward(MqttApi.UNSUBSCRIBE, EnvelopeCodec.toJson(new MqttApi.Unsubscribe(packetId, filters)));
    }

    private void forward(String event, com.fasterxml.jackson.databind.JsonNode payload) {
        counters.frame(publisher.publish(EnvelopeTypes.frame(MqttApi.API, event), connection, payload) == null ? "node-backlog-refused"
            : "forwarded");
    }

    private void undecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            counters.frame("unsupported-version");
            ctx.writeAndFlush(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build())
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else if (cause instanceof MqttIdentifierRejectedException) {
            counters.frame("client-id-rejected");
            connectSeen = true;
            packets.connack(MqttApi.ConnectResult.CLIENT_ID_REJECTED, false, null, config.maxPacketBytes());
        } else if (cause instanceof TooLongFrameException) {
            LOG.infof("[%s] MQTT packet refused: %s", connection == null ? "mqtt" : connection.connectionId(), cause.getMessage());
            end(ctx, "too-large", MqttCodes.PACKET_TOO_LARGE);
        } else {
            LOG.infof("[%s] MQTT packet undecodable: %s", connection == null ? "mqtt" : connection.connectionId(), cause.toString());
            end(ctx, "malformed", MqttCodes.MALFORMED_PACKET);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            end(ctx, connectSeen ? "keep-alive" : "no-connect", MqttCodes.KEEP_ALIVE_TIMEOUT);
        } else if (event == ClientChannels.SERVER_MOVING) {
            end(ctx, "server-moving", MqttCodes.USE_ANOTHER_SERVER);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof io.netty.handler.codec.CorruptedFrameException) {
            // the framer refused a packet: too large, or a remaining length MQTT does not have
            undecodable(ctx, cause);
            return;
        }
        if (!(cause instanceof java.io.IOException)) {
            counters.error();
            LOG.warnf("[%s] closed after an error: %s", connection == null ? "mqtt" : connection.connectionId(), cause.toString());
        }
        ctx.close();
    }

    /** Ends the connection for a reason, counted; MQTT 5 clients hear the reason code. */
    private void end(ChannelHandlerContext ctx, String reason, byte code) {
        counters.disconnect(reason);
        LOG.debugf("[%s] MQTT connection ended: %s", connection == null ? "mqtt" : connection.connectionId(), reason);
        packets.disconnect(code);
    }

    private static int packetIdOf(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    /** An MQTT 5 acknowledgement's reason code; success for MQTT 3.1.1. */
    private static int reasonOf(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF : 0;
    }

    private static long intProperty(MqttProperties properties, MqttProperties.MqttPropertyType type, long absent) {
        var property = properties == null ? null : properties.getProperty(type.value());
        return property == null ? absent : Integer.toUnsignedLong((Integer) property.value());
    }
}
