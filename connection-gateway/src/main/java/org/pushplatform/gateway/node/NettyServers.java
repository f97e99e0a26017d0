package org.pushplatform.gateway.node;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The plain Netty TCP servers of one kind of listener (newline JSON, MQTT): one accepting thread and two I/O threads
 * shared by its ports, Nagle off, and write-buffer water marks that bound what waits for a slow client.
 */
public final class NettyServers {

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final List<Channel> servers = new ArrayList<>();
    private final ClientSocketStart start;

    public NettyServers(ClientSocketStart start) {
        this.start = start;
    }

    /**
     * @param maxOutboundBytes bytes that may wait for one client before its channel stops being writable
     * @param tls              whether its clients speak TLS
     * @param pipeline         builds each connection's pipeline
     * @return the port bound (the one asked for, or a free one for 0)
     */
    public int bind(int port, int maxOutboundBytes, boolean tls, Consumer<ChannelPipeline> pipeline) throws InterruptedException {
        start.check("the listener on port " + port, tls);
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(maxOutboundBytes / 2, maxOutboundBytes))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    start.prepare(channel.pipeline(), tls);
                    pipeline.accept(channel.pipeline());
                }
            })
            .bind(port).sync().channel();
        servers.add(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public void close() {
        servers.forEach(Channel::close);
        boss.shutdownGracefully();
        workers.shutdownGracefully();
    }
}
