package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.OutPacketMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiptingEncoderHandlerTest {

    private final Configuration configuration = new Configuration();
    private final Queue<Packet> websocketQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Packet> pollingQueue = new ConcurrentLinkedQueue<>();
    private final List<String> received = new ArrayList<>();
    private ReceiptingEncoderHandler handler;
    private ClientHead client;

    @BeforeEach
    void givenASession() throws Exception {
        configuration.setJsonSupport(new JacksonJsonSupport());
        handler = new ReceiptingEncoderHandler(configuration);
        client = mock(ClientHead.class);
        when(client.getPacketsQueue(Transport.WEBSOCKET)).thenReturn(websocketQueue);
        when(client.getPacketsQueue(Transport.POLLING)).thenReturn(pollingQueue);
    }

    @Test
    void aPacketWrittenToAWebsocketIsReceivedOnceItsFrameIsWritten() {
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        queue(websocketQueue, "m1");

        channel.writeAndFlush(new OutPacketMessage(client, Transport.WEBSOCKET));

        assertThat(received).containsExactly("m1");
        TextWebSocketFrame frame = channel.readOutbound();
        assertThat(frame.text()).isEqualTo("42[\"message\",\"m1\"]");
        frame.release();
    }

    @Test
    void packetsWhoseWebsocketFramesFailAreNotReceivedByAnyWrite() {
        // given a socket that closed under the session: every write to it fails
        EmbeddedChannel channel = new EmbeddedChannel(new ClosedSocket(), handler);
        queue(websocketQueue, "m1");
        queue(websocketQueue, "m2");

        // when each packet's own write follows, the first taking both off the queue
        ChannelFuture first = channel.writeAndFlush(new OutPacketMessage(client, Transport.WEBSOCKET));
        ChannelFuture second = channel.writeAndFlush(new OutPacketMessage(client, Transport.WEBSOCKET));

        // then neither counts as received, though the library reports both writes done
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isSuccess()).isTrue();
        assertThat(websocketQueue).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aPollResponseReceivesWhatItCarriesAndNothingLeftForTheNextPoll() {
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        for (int i = 0; i < 60; i++) {
            queue(pollingQueue, "p" + i);
        }

        channel.writeAndFlush(new OutPacketMessage(client, Transport.POLLING));

        // a poll response carries at most 50 packets: the other 10 wait for the next poll, not yet received
        assertThat(received).hasSize(50).startsWith("p0").endsWith("p49");
        assertThat(pollingQueue).hasSize(10);
        channel.finishAndReleaseAll();
    }

    @Test
    void aPollResponseThatFailsReceivesNothing() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClosedSocket(), handler);
        queue(pollingQueue, "p0");

        channel.writeAndFlush(new OutPacketMessage(client, Transport.POLLING));

        assertThat(received).isEmpty();
    }

    private void queue(Queue<Packet> queue, String message) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName("message");
        packet.setNsp("");
        packet.setData(List.of(message));
        handler.onWritten(packet, () -> received.add(message));
        queue.add(packet);
    }

    /** Fails every write, as a socket closed by the other side or by a drain does. */
    private static final class ClosedSocket extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            ReferenceCountUtil.release(message);
            promise.setFailure(new ClosedChannelException());
        }
    }
}
