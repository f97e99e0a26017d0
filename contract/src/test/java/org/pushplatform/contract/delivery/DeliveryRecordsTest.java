package org.pushplatform.contract.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;

/** Every delivery record type against its golden JSON file, both ways. */
class DeliveryRecordsTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Address.Identity BOB = new Address.Identity("app1", IdentityKinds.ALIAS, "bob");
    private static final Address.Connection CONNECTION = new Address.Connection("app1", "gw-1", "c-7");

    static Stream<Arguments> records() {
        JsonNode message = JSON.objectNode().put("topic", "bob").put("msg", "hello");
        return Stream.of(
            Arguments.of("deliver-to-identity.json", new Deliver(BOB, "pubsub", "message", List.of(message), 1, 3600L,
                Ack.RECEIPT, "m-1", "billing")),
            Arguments.of("deliver-to-topic.json", new Deliver(new Address.Topic("app1", "news"), "pubsub", "message",
                List.of(message), 0, null, null, "m-2", null)),
            Arguments.of("deliver-to-room.json", new Deliver(new Address.Room("app1", "bp_student_42"), "device", "memos_update",
                List.of(JSON.objectNode().put("unread", 3)), 0, null, Ack.NONE, "m-3", null)),
            Arguments.of("deliver-to-connection.json", new Deliver(CONNECTION, "device", "device_status", List.of(),
                0, null, Ack.client(10_000), "m-4", "device-service")),
            Arguments.of("identity-bind.json", new ControlCommands.BindIdentity(CONNECTION,
                new Address.Identity("app1", IdentityKinds.DEVICE, "sn12345678"), "device")),
            Arguments.of("room-join.json", new ControlCommands.JoinRoom(CONNECTION, "bp_student_42")),
            Arguments.of("room-leave.json", new ControlCommands.LeaveRoom(CONNECTION, "bp_student_42")),
            Arguments.of("topic-subscribe.json", new ControlCommands.Subscribe(BOB, "news")),
            Arguments.of("topic-unsubscribe.json", new ControlCommands.Unsubscribe(BOB, "news")),
            Arguments.of("connection-disconnect.json", new ControlCommands.Disconnect(CONNECTION, "kicked by admin")),
            Arguments.of("outcome-delivered.json", new DeliveryOutcome("m-4", "device-service", CONNECTION,
                DeliveryOutcome.Status.DELIVERED, null, null, "c-7", JSON.objectNode().put("status", "online"), 1700000000000L)),
            Arguments.of("outcome-failed.json", new DeliveryOutcome("m-1", "billing", BOB, DeliveryOutcome.Status.FAILED,
                DeliveryOutcome.Reason.EXPIRED, new Address.Identity("app1", IdentityKinds.SESSION, "user1"), null, null,
                1700000000000L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void recordIsWrittenAsItsGoldenFile(String golden, DeliveryRecord record) throws IOException {
        // given
        Envelope envelope = withFixedTime(DeliveryRecords.envelope(record, "e-1"));

        // when
        JsonNode written = EnvelopeCodec.mapper().readTree(EnvelopeCodec.encode(envelope));

        // then
        assertThat(written).isEqualTo(golden(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void goldenFileIsReadAsItsRecord(String golden, DeliveryRecord record) throws IOException {
        // when
        Envelope envelope = EnvelopeCodec.decode(golden(golden).toString());

        // then
        assertThat(DeliveryRecords.isDeliveryRecord(envelope.type())).isTrue();
        assertThat(DeliveryRecords.payloadOf(envelope)).isEqualTo(record);
        assertThat(envelope.app()).isEqualTo("app1");
    }

    @Test
    void commandsAreKeyedByTheAddressTheyChange() {
        assertThat(new Deliver(BOB, "pubsub", "message", List.of(), 0, null, null, "m", null).key()).isEqualTo("app1/bob");
        assertThat(new ControlCommands.Subscribe(BOB, "news").key()).isEqualTo("app1/bob");
        assertThat(new Deliver(new Address.Topic("app1", "news"), "pubsub", "message", List.of(), 0, null, null, "m", null).key())
            .isEqualTo("app1/news");
        assertThat(new ControlCommands.JoinRoom(CONNECTION, "r").key()).isEqualTo("app1/c-7");
    }

    @Test
    void ackDefaultsFollowTheQos() {
        assertThat(new Deliver(BOB, "pubsub", "message", List.of(), 0, null, null, "m", null).ackOrDefault()).isEqualTo(Ack.NONE);
        assertThat(new Deliver(BOB, "pubsub", "message", List.of(), 1, null, null, "m", null).ackOrDefault()).isEqualTo(Ack.RECEIPT);
        assertThat(new Ack(Ack.Mode.CLIENT, null).timeoutOrDefault()).isEqualTo(Ack.DEFAULT_CLIENT_TIMEOUT_MS);
    }

    @Test
    void anEnvelopeOfAnotherTypeIsNotADeliveryRecord() {
        Envelope other = new Envelope(1, "gateway.emit", null, null, null, null, "e", 1, JSON.objectNode());

        assertThatThrownBy(() -> DeliveryRecords.payloadOf(other)).isInstanceOf(EnvelopeCodec.MalformedEnvelopeException.class);
    }

    @Test
    void anUnknownAddressKindIsRejected() {
        String json = "{\"v\":1,\"type\":\"deliver\",\"timestamp\":1,\"payload\":{\"to\":{\"type\":\"planet\",\"app\":\"a\"},"
            + "\"api\":\"pubsub\",\"event\":\"message\",\"args\":[],\"qos\":0}}";

        assertThatThrownBy(() -> DeliveryRecords.payloadOf(EnvelopeCodec.decode(json)))
            .isInstanceOf(EnvelopeCodec.MalformedEnvelopeException.class);
    }

    private static Envelope withFixedTime(Envelope e) {
        return new Envelope(e.v(), e.type(), e.app(), e.nodeId(), e.connectionId(), e.identity(), e.messageId(), 1700000000000L,
            e.payload());
    }

    private static JsonNode golden(String name) throws IOException {
        String path = "/golden/delivery/" + name;
        try (InputStream in = DeliveryRecordsTest.class.getResourceAsStream(path)) {
            return EnvelopeCodec.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
