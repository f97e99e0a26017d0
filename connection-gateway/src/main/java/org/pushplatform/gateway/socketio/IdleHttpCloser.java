package org.pushplatform.gateway.socketio;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes HTTP connections with no traffic for the idle time: netty-socketio keeps keep-alive polling connections
 * (and connections that never sent a request) open for ever, so dead clients would pile up sockets. Websocket
 * connections are left to the Engine.IO ping timeout. Needs an {@code IdleStateHandler} before it.
 */
@ChannelHandler.Sharable
final class IdleHttpCloser extends ChannelDuplexHandler {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !PollReleaseGuard.isWebsocket(ctx.channel())) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
