package org.pushplatform.gateway.node;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every client socket this node's Netty listeners (Socket.IO, TCP, MQTT) accepted, so that a node being stopped can
 * refuse new ones and close the open ones a few at a time. A connection told to go gets {@link #SERVER_MOVING} first:
 * a protocol that can say "connect elsewhere" (MQTT 5's DISCONNECT) says it; then what was written to it is flushed
 * before its socket closes, which a client takes for a dropped transport and reconnects (Socket.IO's "transport
 * close"), reaching another node behind the load balancer.
 */
@ApplicationScoped
public class ClientChannels {

    /** The user event a channel's handlers get just before the drain closes it. */
    public static final Object SERVER_MOVING = new Object() {
        @Override
        public String toString() {
            return "SERVER_MOVING";
        }
    };

    private final ChannelGroup open = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final Admission admission = new Admission();
    private final Counter refused;
    private volatile boolean admitting = true;

    public ClientChannels(MeterRegistry metrics) {
        this.refused = Counter.builder("push_gateway_connections_refused_total")
            .description("client sockets closed as soon as accepted because the node is draining")
            .register(metrics);
    }

    /** The handler that goes first in every client pipeline: it tracks the socket, or closes it while draining. */
    public ChannelHandler admission() {
        return admission;
    }

    /** From now on every new socket is closed as soon as it is accepted. */
    public void stopAdmitting() {
        admitting = false;
    }

    public boolean admitting() {
        return admitting;
    }

    /** The open sockets now, to be closed in slices. */
    public List<Channel> snapshot() {
        return new ArrayList<>(open);
    }

    /** Tells the socket's protocol it is moving, then closes it once what was written to it is flushed. */
    public static void closeAsMoving(Channel channel) {
        channel.eventLoop().execute(() -> {
            channel.pipeline().fireUserEventTriggered(SERVER_MOVING);
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
    }

    @ChannelHandler.Sharable
    private final class Admission extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (!admitting) {
                refused.increment();
                ctx.close();
                return;
            }
            open.add(ctx.channel());
            super.channelActive(ctx);
        }
    }
}
