package org.pushplatform.gateway.tcp;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.messaging.NodeIdClaim;
import org.pushplatform.gateway.node.NodeEndpoints;
import org.pushplatform.gateway.session.ListenerCounters;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Starts one Netty TCP server per section of {@code push.gateway.tcp.<name>}: Netty's line decoder (a line over the
 * limit is cut and its rest dropped up to the newline), an idle timer, write-buffer water marks bounding what waits
 * for a slow client, and a {@link TcpFrameHandler} per connection.
 */
@ApplicationScoped
public class TcpListeners {

    private static final Logger LOG = Logger.getLogger(TcpListeners.class);

    private final GatewayConfig config;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final NodeEndpoints endpoints;
    private final List<Channel> servers = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    public TcpListeners(GatewayConfig config, InboundPublisher publisher, LocalConnections connections, MeterRegistry metrics,
                        NodeEndpoints endpoints) {
        this.endpoints = endpoints;
        this.config = config;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
    }

    /** After the node id is claimed ({@link NodeIdClaim} observes the start first), like the Socket.IO listeners. */
    void onStart(@Observes StartupEvent event) throws InterruptedException {
        var listeners = config.gateway().tcp().entrySet().stream().filter(e -> e.getValue().enabled()).toList();
        if (listeners.isEmpty()) {
            return;
        }
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(2);
        for (var entry : listeners) {
            GatewayConfig.TcpListener listener = entry.getValue();
            ListenerCounters counters = new ListenerCounters(listener.api(), metrics);
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                    new WriteBufferWaterMark(listener.maxOutboundBytes() / 2, listener.maxOutboundBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                            .addLast(new IdleStateHandler((int) listener.idleTimeout().toSeconds(), 0, 0))
                            .addLast(new LineBasedFrameDecoder(listener.maxLineBytes(), true, true))
                            .addLast(new TcpFrameHandler(listener, publisher, connections, counters));
                    }
                })
                .bind(listener.port()).sync().channel();
            servers.add(server);
            endpoints.listening("tcp." + listener.api(), boundPort(server));
            LOG.infof("[%s] %s TCP (%s) listening on port %d for app %s", config.nodeId(), listener.api(), entry.getKey(),
                boundPort(server), listener.app());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        servers.forEach(Channel::close);
        if (boss != null) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    private static int boundPort(Channel server) {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }
}
