package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpgradeRaceGuardTest {

    private final UUID sessionId = UUID.randomUUID();
    private final Queue<Packet> pollingQueue = new ConcurrentLinkedQueue<>();
    private final UpgradeRaceGuard guard = new UpgradeRaceGuard();
    private ClientHead client;

    @BeforeEach
    void givenAClient() {
        client = mock(ClientHead.class);
        when(client.getSessionId()).thenReturn(sessionId);
        when(client.getEngineIOVersion()).thenReturn(EngineIOVersion.V4);
        when(client.getPacketsQueue(Transport.POLLING)).thenReturn(pollingQueue);
    }

    @Test
    void pollsBetweenProbeAndUpgradeAreAnsweredAtOnceWithANoop() {
        EmbeddedChannel websocket = new EmbeddedChannel(guard);
        EmbeddedChannel polling = new EmbeddedChannel(guard);

        // when the websocket probes, then the client polls twice
        websocket.writeInbound(websocketPacket("2probe"));
        polling.writeInbound(poll(sessionId));
        polling.writeInbound(poll(sessionId));

        // then each poll finds a NOOP waiting, so it returns at once
        assertThat(pollingQueue).hasSize(2).allMatch(p -> p.getType() == PacketType.NOOP);
        assertThat(guard.isUpgrading(sessionId)).isTrue();
    }

    @Test
    void afterTheUpgradePacketPollsAreLeftAlone() {
        EmbeddedChannel websocket = new EmbeddedChannel(guard);
        websocket.writeInbound(websocketPacket("2probe"));
        websocket.writeInbound(websocketPacket("5"));

        new EmbeddedChannel(guard).writeInbound(poll(sessionId));

        assertThat(pollingQueue).isEmpty();
        assertThat(guard.isUpgrading(sessionId)).isFalse();
    }

    @Test
    void pollsOfOtherSessionsAndClosedSessionsAreLeftAlone() {
        new EmbeddedChannel(guard).writeInbound(websocketPacket("2probe"));
        guard.forget(sessionId);

        new EmbeddedChannel(guard).writeInbound(poll(sessionId));
        new EmbeddedChannel(guard).writeInbound(poll(UUID.randomUUID()));

        assertThat(pollingQueue).isEmpty();
    }

    @Test
    void everyMessagePassesOnToTheLibrary() {
        EmbeddedChannel channel = new EmbeddedChannel(guard);
        channel.writeInbound(websocketPacket("2probe"));
        channel.writeInbound(poll(sessionId));

        assertThat(channel.inboundMessages()).hasSize(2);
    }

    private PacketsMessage websocketPacket(String text) {
        return new PacketsMessage(client, Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII), Transport.WEBSOCKET);
    }

    private static DefaultFullHttpRequest poll(UUID sid) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/socket.io/?EIO=4&transport=polling&t=x&sid=" + sid);
    }
}
