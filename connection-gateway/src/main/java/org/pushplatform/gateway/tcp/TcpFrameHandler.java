package org.pushplatform.gateway.tcp;

import org.pushplatform.contract.Transports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.jboss.logging.Logger;
import org.pushplatform.contract.ConnectionOpened;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.PushServerFrames;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.push.PushFrameTypes;
import org.pushplatform.gateway.session.FrameRateLimiter;
import org.pushplatform.gateway.session.ListenerCounters;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;
import org.pushplatform.gateway.session.ProtocolAckSink;

/**
 * One TCP connection: each line is a frame {@code {t, ...}}, forwarded to its service as the event of its type; a
 * push's ack ({@code t:-5}) is answered here. A line that is not a JSON object with a known {@code t}, or longer than
 * the limit, gets {@code {t:0, error}} and the connection lives on; a flood closes it, as does silence.
 */
final class TcpFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(TcpFrameHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig.TcpListener config;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final ListenerCounters counters;
    private final FrameRateLimiter limiter;
    private LocalConnection connection;
    /** Whether a frame came yet: only the first line may carry a token. */
    private boolean framed;
    private TcpClientSink writer;
    private ProtocolAckSink sink;

    TcpFrameHandler(GatewayConfig.TcpListener config, InboundPublisher publisher, LocalConnections connections, ListenerCounters counters) {
        this.config = config;
        this.publisher = publisher;
        this.connections = connections;
        this.counters = counters;
        this.limiter = new FrameRateLimiter(config.framesPerSecond());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        writer = new TcpClientSink(ctx.channel());
        sink = new ProtocolAckSink(writer, ctx.channel().eventLoop());
        connection = connections.add(new LocalConnection(UUID.randomUUID().toString(), config.api(), config.service(), config.app(),
            Transports.TCP, sink));
        var opened = new ConnectionOpened(config.api(), Transports.TCP, String.valueOf(ctx.channel().remoteAddress()), Map.of(), null);
        publisher.publish(EnvelopeTypes.CONNECTION_OPENED, connection, EnvelopeCodec.toJson(opened));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connections.remove(connection.connectionId());
            publisher.closed(connection, connection.routingKey());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf line = (ByteBuf) message;
        try {
            if (!limiter.tryAcquire(1)) {
                count("rate-limited");
                if (limiter.dropped() > config.floodDisconnectAfter() && limiter.markDisconnected()) {
                    disconnect(ctx, "flood");
                }
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8).trim();
            if (!text.isEmpty()) {
                frame(text);
            }
        } finally {
            line.release();
        }
    }

    private void frame(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            refuse("invalid JSON", null, "invalid-json");
            return;
        }
        if (!framed && frame != null && frame.isObject() && !frame.has("t") && frame.path("token").isTextual()) {
            // the first line may name the app: {"token": "<token>"}; routing checks it on connect
            framed = true;
            if (connection.useToken(frame.get("token").asText())) {
                count("token");
            } else {
                refuse("invalid token", null, "invalid-token");
            }
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("t").canConvertToInt()) {
            refuse("a frame is a JSON object with its type t", null, "no-type");
            return;
        }
        int type = frame.get("t").asInt();
        framed = true;
        String event = PushFrameTypes.eventOf(type);
        if (event == null) {
            refuse("unknown type t: " + frame.get("t"), frame.get("num"), "unknown-type");
        } else if (type == PushFrameTypes.ACK && sink.acked(frame.path("mid").asText(""))) {
            count("acked");
        } else {
            // an ack no push here waits for (pulled, or after its timeout) is routing's to match
            String left = PushFrameTypes.keyOnIdentify(event, connection, frame);
            if (left != null) {
                publisher.closed(connection, left);
            }
            publisher.publish(EnvelopeTypes.frame(config.api(), event), connection,
                PushFrameTypes.withGatewayFields(event, frame, connection, Transports.TCP));
            count("forwarded");
        }
    }

    private void refuse(String why, JsonNode num, String outcome) {
        writer.reply(PushServerFrames.error(why, num));
        count(outcome);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            disconnect(ctx, "idle");
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // the decoder drops the rest of the line, up to its newline; the connection lives on
            refuse("frame over " + config.maxLineBytes() + " bytes", null, "too-long");
        } else if (cause instanceof IOException) {
            ctx.close();
        } else {
            counters.error();
            LOG.warnf("[%s] closed after an error: %s", connection == null ? "tcp" : connection.connectionId(), cause.toString());
            ctx.close();
        }
    }

    private void disconnect(ChannelHandlerContext ctx, String reason) {
        counters.disconnect(reason);
        LOG.debugf("[%s] closed: %s", connection.connectionId(), reason);
        ctx.close();
    }

    private void count(String outcome) {
        counters.frame(outcome);
    }
}
