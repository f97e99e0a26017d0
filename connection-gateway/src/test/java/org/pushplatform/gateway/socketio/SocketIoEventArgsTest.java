package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.pushplatform.gateway.session.OutboundEvent;

class SocketIoEventArgsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PacketEncoder encoder = new PacketEncoder(new Configuration(), new JacksonJsonSupport());

    @Test
    void argumentsEncodedOnceGoOnTheWireExactlyAsTheArgumentsThemselves() throws Exception {
        // given an event whose arguments hold nested JSON, unicode and characters JSON must escape
        List<JsonNode> args = List.of(JSON.readTree("{\"topic\":\"news/ü\",\"msg\":{\"text\":\"say \\\"hi\\\"\\n\",\"n\":[1,2.5,null,true]}}"),
            JSON.readTree("\"plain\""), JSON.readTree("42"));
        OutboundEvent event = new OutboundEvent("message", args);

        // when both are encoded as packets, for either Engine.IO version
        for (EngineIOVersion version : List.of(EngineIOVersion.V3, EngineIOVersion.V4)) {
            String asNodes = encode(version, "message", args);
            String asEncodedOnce = encode(version, "message", SocketIoEventArgs.of(event));

            // then the client reads the same packet
            assertThat(asEncodedOnce).isEqualTo(asNodes);
            assertThat(asEncodedOnce).contains("42[\"message\",{\"topic\":\"news/ü\",\"msg\":{\"text\":\"say \\\"hi\\\"\\n\"");
        }
    }

    @Test
    void anEventIsEncodedOnceForEveryConnection() {
        OutboundEvent event = new OutboundEvent("message", List.of(JSON.getNodeFactory().textNode("x")));

        assertThat(SocketIoEventArgs.of(event)).isSameAs(SocketIoEventArgs.of(event));
    }

    private String encode(EngineIOVersion version, String name, List<?> data) throws Exception {
        Packet packet = new Packet(PacketType.MESSAGE, version);
        packet.setSubType(PacketType.EVENT);
        packet.setName(name);
        packet.setNsp("");
        packet.setData(data);
        ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
        try {
            encoder.encodePacket(packet, out, ByteBufAllocator.DEFAULT, false);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }
}
