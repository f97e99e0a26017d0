package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

class LosslessPacketEncoderTest {

    private final LosslessPacketEncoder encoder = new LosslessPacketEncoder(new Configuration(), new JacksonJsonSupport());

    @Test
    void aPollTakesAtMostTheLimitAndLeavesEveryOtherPacketQueued() throws Exception {
        // given 120 pushes waiting for one poll
        Queue<Packet> queue = pushes(120);
        ByteBuf body = ByteBufAllocator.DEFAULT.heapBuffer();

        // when
        encoder.encodePackets(queue, body, ByteBufAllocator.DEFAULT, 50);

        // then 50 go out in order and the other 70 wait for the next poll
        String[] sent = body.toString(StandardCharsets.UTF_8).split("\u001e");
        assertThat(sent).hasSize(50);
        assertThat(sent[0]).isEqualTo("42[\"message\",\"0\"]");
        assertThat(sent[49]).isEqualTo("42[\"message\",\"49\"]");
        assertThat(queue).hasSize(70);
        assertThat(queue.peek().<List<Object>>getData()).containsExactly("50");
        body.release();
    }

    @Test
    void aSmallQueueIsSentWhole() throws Exception {
        Queue<Packet> queue = pushes(3);
        ByteBuf body = ByteBufAllocator.DEFAULT.heapBuffer();

        encoder.encodePackets(queue, body, ByteBufAllocator.DEFAULT, 50);

        assertThat(body.toString(StandardCharsets.UTF_8).split("\u001e")).hasSize(3);
        assertThat(queue).isEmpty();
        body.release();
    }

    private static Queue<Packet> pushes(int count) {
        Queue<Packet> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
            packet.setSubType(PacketType.EVENT);
            packet.setName("message");
            packet.setNsp("");
            packet.setData(List.of(String.valueOf(i)));
            queue.add(packet);
        }
        return queue;
    }
}
