package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

class IdleHttpCloserTest {

    @Test
    void anIdlePollingConnectionIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel(new IdleHttpCloser(), new PollReleaseGuard());
        channel.writeInbound(request("/socket.io/?EIO=4&transport=polling&sid=abc"));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatNeverSentARequestIsClosedWhenIdle() {
        EmbeddedChannel channel = new EmbeddedChannel(new IdleHttpCloser(), new PollReleaseGuard());

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anIdleWebsocketIsLeftToThePingTimeout() {
        EmbeddedChannel channel = new EmbeddedChannel(new IdleHttpCloser(), new PollReleaseGuard());
        channel.writeInbound(request("/socket.io/?EIO=4&transport=websocket&sid=abc"));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isTrue();
    }

    private static DefaultFullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
