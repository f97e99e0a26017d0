package org.pushplatform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.routing.pubsub.FrameFields;
import org.pushplatform.routing.pubsub.InvalidFrameException;

class FrameFieldsTest {

    @Test
    void aValidPublishFrameYieldsItsFields() {
        FrameFields fields = FrameFields.of(json("{\"topic\":\"news/sport\",\"msg\":\"hi\",\"qos\":2,\"messageId\":11833652203486491112}"), false);

        assertThat(fields.topic()).isEqualTo("news/sport");
        assertThat(fields.message().asText()).isEqualTo("hi");
        assertThat(fields.qos(1)).isEqualTo(2);
        assertThat(fields.messageId()).contains("11833652203486491112");
    }

    @Test
    void missingQosDefaultsAndMissingOptionalFieldsAreEmpty() {
        FrameFields fields = FrameFields.of(json("{\"topic\":\"t\",\"msg\":\"m\"}"), false);

        assertThat(fields.qos(1)).isEqualTo(1);
        assertThat(fields.messageId()).isEmpty();
    }

    @Test
    void brokenRulesAreRefusedWithTheClientsErrorMessage() {
        assertRefused("\"a string\"", "the event's argument must be an object");
        assertRefused("{\"topic\":12}", "topic must be a string");
        assertRefused("{\"topic\":\"\"}", "topic must be 1-128 characters");
        assertRefused("{\"topic\":\"" + "x".repeat(129) + "\"}", "topic must be 1-128 characters");
        assertRefused("{\"topic\":\"a b\"}", "topic must not contain whitespace, control characters, '#' or '+'");
        assertRefused("{\"topic\":\"a/#\"}", "topic must not contain whitespace, control characters, '#' or '+'");
    }

    @Test
    void qosOutsideZeroToTwoAndOversizedMessagesAreRefused() {
        assertThatThrownBy(() -> FrameFields.of(json("{\"qos\":3}"), false).qos(1)).hasMessage("qos must be 0, 1 or 2");
        assertThatThrownBy(() -> FrameFields.of(json("{\"qos\":\"1\"}"), false).qos(1)).hasMessage("qos must be 0, 1 or 2");
        String big = "é".repeat(FrameFields.MAX_MESSAGE_BYTES / 2 + 1);
        assertThatThrownBy(() -> FrameFields.of(json("{\"msg\":\"" + big + "\"}"), false).message())
            .hasMessage("msg must be at most 65536 bytes");
    }

    @Test
    void eventsWithoutArgumentsAreEmptyWhenThatIsAllowed() {
        assertThat(FrameFields.of(null, true).messageId()).isEmpty();
        assertThatThrownBy(() -> FrameFields.of(null, false)).isInstanceOf(InvalidFrameException.class);
    }

    private static void assertRefused(String payload, String errorMsg) {
        assertThatThrownBy(() -> FrameFields.of(json(payload), false).topic()).isInstanceOf(InvalidFrameException.class).hasMessage(errorMsg);
    }

    private static JsonNode json(String text) {
        try {
            return EnvelopeCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
