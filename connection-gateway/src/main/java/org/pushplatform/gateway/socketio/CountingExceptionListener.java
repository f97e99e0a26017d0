package org.pushplatform.gateway.socketio;

import java.util.List;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.listener.ExceptionListenerAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import org.jboss.logging.Logger;

/** Counts what the library could not handle (malformed frames, broken sockets) instead of logging stack traces. */
final class CountingExceptionListener extends ExceptionListenerAdapter {

    private static final Logger LOG = Logger.getLogger(CountingExceptionListener.class);

    private final String api;
    private final MeterRegistry metrics;

    CountingExceptionListener(String api, MeterRegistry metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    @Override
    public void onEventException(Exception e, List<Object> args, SocketIOClient client) {
        count("event");
        LOG.debugf("[%s] event failed: %s", client == null ? "?" : client.getSessionId(), e.getMessage());
    }

    @Override
    public void onAuthException(Throwable e, SocketIOClient client) {
        count("auth");
    }

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
        count("channel");
        LOG.debugf("[%s] closed after %s", ctx.channel().remoteAddress(), e.toString());
        ctx.close();
        return true;
    }

    private void count(String where) {
        metrics.counter("push_gateway_errors_total", "api", api, "where", where).increment();
    }
}
