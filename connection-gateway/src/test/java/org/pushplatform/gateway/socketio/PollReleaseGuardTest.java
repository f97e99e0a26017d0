package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class PollReleaseGuardTest {

    @Test
    void aClosingPollingConnectionDoesNotReachThePollingTransport() {
        AtomicBoolean libraryToldOfClose = new AtomicBoolean();
        EmbeddedChannel channel = new EmbeddedChannel(new PollReleaseGuard(), inactiveRecorder(libraryToldOfClose));

        channel.writeInbound(request("/socket.io/?EIO=3&transport=polling&sid=abc"));
        channel.close();

        assertThat(libraryToldOfClose).isFalse();
    }

    @Test
    void aClosingWebsocketConnectionStillReachesTheLibrary() {
        AtomicBoolean libraryToldOfClose = new AtomicBoolean();
        EmbeddedChannel channel = new EmbeddedChannel(new PollReleaseGuard(), inactiveRecorder(libraryToldOfClose));

        channel.writeInbound(request("/socket.io/?EIO=4&transport=websocket&sid=abc"));
        channel.close();

        assertThat(libraryToldOfClose).isTrue();
    }

    private static ChannelInboundHandlerAdapter inactiveRecorder(AtomicBoolean flag) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                flag.set(true);
            }
        };
    }

    private static DefaultFullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
