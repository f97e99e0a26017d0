package org.pushplatform.gateway.socketio;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jboss.logging.Logger;
import org.pushplatform.gateway.session.FrameRateLimiter;

/**
 * Sees every packet a client sends before netty-socketio decodes it, so that nothing skips the limits: known and
 * unknown events, acks and attachments all count against the connection's rate limit (packets over it are dropped;
 * a client that keeps flooding is disconnected, however its packets are spelled); binary packets are refused where
 * the API has none, with a disconnect, before the library buffers any attachment. A polling POST has been
 * answered by the time its packets pass here, so dropping them leaves no request hanging.
 */
@ChannelHandler.Sharable
final class InboundPacketGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(InboundPacketGuard.class);

    private final int packetsPerSecond;
    private final int floodDisconnectAfter;
    private final boolean binaryAllowed;
    private final Map<UUID, FrameRateLimiter> limiters = new ConcurrentHashMap<>();
    private final Counter dropped;
    private final Counter floods;
    private final Counter binaryRefused;

    /**
     * @param floodDisconnectAfter dropped packets after which the client is disconnected
     * @param binaryAllowed        whether the API has binary events (none of ours has yet)
     */
    InboundPacketGuard(String api, int packetsPerSecond, int floodDisconnectAfter, boolean binaryAllowed, MeterRegistry metrics) {
        this.packetsPerSecond = packetsPerSecond;
        this.floodDisconnectAfter = floodDisconnectAfter;
        this.binaryAllowed = binaryAllowed;
        this.dropped = metrics.counter("push_gateway_frames_total", "api", api, "outcome", "rate-limited");
        this.floods = metrics.counter("push_gateway_disconnects_total", "api", api, "reason", "flood");
        this.binaryRefused = metrics.counter("push_gateway_disconnects_total", "api", api, "reason", "binary");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof PacketsMessage message) || message.getClient() == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ClientHead client = message.getClient();
        EnginePackets packets = EnginePackets.of(message.getContent(), client.getEngineIOVersion(), message.getTransport());
        if (packets.binary() && !binaryAllowed) {
            binaryRefused.increment();
            LOG.infof("[%s] disconnected: sent a binary packet, which this API has none of", client.getSessionId());
            client.disconnect();
            return;
        }
        FrameRateLimiter limiter = limiters.computeIfAbsent(client.getSessionId(), id -> new FrameRateLimiter(packetsPerSecond));
        if (!limiter.tryAcquire(packets.count())) {
            dropped.increment(packets.count());
            if (limiter.dropped() >= floodDisconnectAfter && limiter.markDisconnected()) {
                floods.increment();
                LOG.warnf("[%s] disconnected: more than %d packets/s", client.getSessionId(), packetsPerSecond);
                client.disconnect();
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** The session ended: its limiter goes. */
    void forget(UUID sessionId) {
        limiters.remove(sessionId);
    }
}
