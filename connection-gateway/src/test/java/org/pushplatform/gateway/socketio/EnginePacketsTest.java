package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class EnginePacketsTest {

    @Test
    void aWebsocketFrameIsOnePacketAndABinaryEventOrAttachmentIsBinary() {
        assertThat(ws("42[\"publish\",{\"topic\":\"t\"}]")).isEqualTo(new EnginePackets(1, false));
        assertThat(ws("451-[\"publish\",{\"_placeholder\":true,\"num\":0}]")).isEqualTo(new EnginePackets(1, true));
        assertThat(ws("461-3[{\"_placeholder\":true,\"num\":0}]")).isEqualTo(new EnginePackets(1, true));
        assertThat(EnginePackets.of(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), EngineIOVersion.V4, Transport.WEBSOCKET))
            .isEqualTo(new EnginePackets(1, true));
    }

    @Test
    void anEio4PollingPostIsSplitAtItsSeparators() {
        assertThat(polling(EngineIOVersion.V4, "42[\"a\"]\u001e42[\"b\"]\u001e3")).isEqualTo(new EnginePackets(3, false));
        assertThat(polling(EngineIOVersion.V4, "42[\"a\"]\u001ebAQID")).isEqualTo(new EnginePackets(2, true));
    }

    @Test
    void anEio3PollingPostIsReadByItsLengthPrefixes() {
        assertThat(polling(EngineIOVersion.V3, "7:42[\"a\"]7:42[\"b\"]")).isEqualTo(new EnginePackets(2, false));
        assertThat(polling(EngineIOVersion.V3, "7:42[\"a\"]6:b4AQID")).isEqualTo(new EnginePackets(2, true));
        assertThat(polling(EngineIOVersion.V3, "7:42[\"a\"]garbage")).isEqualTo(new EnginePackets(2, false));
    }

    private static EnginePackets ws(String text) {
        return EnginePackets.of(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), EngineIOVersion.V4, Transport.WEBSOCKET);
    }

    private static EnginePackets polling(EngineIOVersion version, String text) {
        return EnginePackets.of(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), version, Transport.POLLING);
    }
}
