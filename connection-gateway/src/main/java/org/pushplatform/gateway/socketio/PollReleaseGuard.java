package org.pushplatform.gateway.socketio;

import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;

/**
 * Fixes the poll re-bind race: when a finished polling GET's connection closes, the library's
 * {@code PollingTransport#channelInactive} releases the session's polling binding with a check-then-act that
 * can clear the binding of the client's next poll, bound meanwhile on another event loop; later sends then only
 * queue until the ping timeout. Here a polling connection's inactive event stops before the library's polling
 * transport: nothing is lost by keeping the stale binding, because writes to a closed channel leave the packets
 * queued and the client's next GET re-binds and takes them.
 */
@ChannelHandler.Sharable
final class PollReleaseGuard extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<Boolean> POLLING = AttributeKey.valueOf("push.polling");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest request) {
            List<String> transport = new QueryStringDecoder(request.uri()).parameters().get("transport");
            ctx.channel().attr(POLLING).set(transport != null && transport.contains("polling"));
        }
        super.channelRead(ctx, msg);
    }

    /** True once the connection has carried a websocket upgrade request. */
    static boolean isWebsocket(io.netty.channel.Channel channel) {
        return Boolean.FALSE.equals(channel.attr(POLLING).get());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (Boolean.TRUE.equals(ctx.channel().attr(POLLING).get())) {
            return;
        }
        super.channelInactive(ctx);
    }
}
