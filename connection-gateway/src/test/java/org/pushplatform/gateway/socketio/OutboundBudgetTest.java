package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.pushplatform.gateway.session.OutboundEvent;

class OutboundBudgetTest {

    private static Packet event(int textLength) {
        OutboundEvent event = new OutboundEvent("message", List.of(JsonNodeFactory.instance.textNode("x".repeat(textLength))));
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName(event.name());
        packet.setData(SocketIoEventArgs.of(event));
        return packet;
    }

    @Test
    void aPollingClientsQueueIsMeasuredByTheEventsItHolds() {
        Queue<Packet> queue = new ConcurrentLinkedQueue<>();
        queue.add(event(400_000));
        queue.add(new Packet(PacketType.PING, EngineIOVersion.V4));
        assertThat(OutboundBudget.exceeds(queue, 1_000_000)).isFalse();

        queue.add(event(700_000));

        assertThat(OutboundBudget.exceeds(queue, 1_000_000)).isTrue();
    }

    @Test
    void manySmallPacketsCountToo() {
        Queue<Packet> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 20_000; i++) {
            queue.add(new Packet(PacketType.PING, EngineIOVersion.V4));
        }
        assertThat(OutboundBudget.exceeds(queue, 1_000_000)).isTrue();
    }
}
