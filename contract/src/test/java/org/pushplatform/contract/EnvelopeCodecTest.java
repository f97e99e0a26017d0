package org.pushplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    @Test
    void emitEnvelopeMatchesGoldenJson() throws IOException {
        // given
        ObjectNode message = EnvelopeCodec.mapper().createObjectNode().put("topic", "testtopic1").put("msg", "hello, Yunba");
        var payload = new EmitToConnections(List.of("c-1", "c-2"), "message", List.of(message));
        var envelope = new Envelope(1, EnvelopeTypes.EMIT, null, "gw-1", null, null, "11833652203486491112",
            1700000000000L, EnvelopeCodec.toJson(payload));

        // when
        JsonNode written = EnvelopeCodec.mapper().readTree(EnvelopeCodec.encode(envelope));

        // then
        assertThat(written).isEqualTo(golden("emit-envelope.json"));
    }

    @Test
    void goldenFrameDecodesToItsFields() throws IOException {
        // when
        Envelope envelope = EnvelopeCodec.decode(golden("subscribe-frame-envelope.json").toString());

        // then
        assertThat(envelope.type()).isEqualTo(EnvelopeTypes.pubsubFrame("subscribe"));
        assertThat(envelope.nodeId()).isEqualTo("gw-2");
        assertThat(envelope.connectionId()).isEqualTo("c-7");
        assertThat(envelope.app()).isNull();
        assertThat(envelope.payload().get("topic").asText()).isEqualTo("testtopic1");
    }

    @Test
    void unknownFieldsFromNewerWritersAreIgnored() {
        String json = "{\"v\":1,\"type\":\"connection.closed\",\"connectionId\":\"c-1\",\"timestamp\":1,\"future\":true}";

        assertThat(EnvelopeCodec.decode(json).connectionId()).isEqualTo("c-1");
    }

    @Test
    void textThatIsNotAnEnvelopeIsRejectedWithATypedError() {
        assertThatThrownBy(() -> EnvelopeCodec.decode("[1,2]")).isInstanceOf(EnvelopeCodec.MalformedEnvelopeException.class);
        assertThatThrownBy(() -> EnvelopeCodec.decode("{\"v\":99,\"type\":\"x\"}")).isInstanceOf(EnvelopeCodec.MalformedEnvelopeException.class);
    }

    @Test
    void topicNamesFollowTheArchitecture() {
        Topics topics = Topics.withDefaultPrefix();

        assertThat(topics.inbound("routing")).isEqualTo("push.in.routing");
        assertThat(topics.gateway("gw-1")).isEqualTo("push.gw.gw-1");
        assertThat(topics.route()).isEqualTo("push.route");
        assertThat(topics.events("presence")).isEqualTo("push.events.presence");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = EnvelopeCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return EnvelopeCodec.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
