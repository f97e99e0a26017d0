package org.pushplatform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.pushplatform.contract.DeliveryReceipt;
import org.pushplatform.contract.DeliveryTicket;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.gateway.session.ClientSink;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.session.LocalConnections;
import org.pushplatform.gateway.session.OutboundEvent;

class DeliveryWriterTest {

    static final MessageSpans NO_SPANS = new MessageSpans(OpenTelemetry.noop().getTracer("test"));
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DeliveryTicket TICKET = new DeliveryTicket("m-1", "team", null);

    private final LocalConnections connections = new LocalConnections();
    private final InboundPublisher receipts = mock(InboundPublisher.class);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final DeliveryWriter writer = new DeliveryWriter(connections, new ReceiptSender(receipts), NO_SPANS, metrics);

    /** Records what is written to one connection, and lets a test play the client's ack. */
    static final class RecordingSink implements ClientSink {
        final List<String> events = new ArrayList<>();
        Consumer<JsonNode> pendingAck;
        Runnable pendingTimeout;
        boolean congested;
        boolean closed;

        @Override
        public boolean congested() {
            return congested;
        }

        @Override
        public void emit(OutboundEvent event, Runnable onWritten) {
            events.add(event.name());
            if (onWritten != null) {
                onWritten.run();
            }
        }

        @Override
        public void emitWithAck(OutboundEvent event, long timeoutMs, Consumer<JsonNode> onAck, Runnable onTimeout) {
            events.add(event.name());
            pendingAck = onAck;
            pendingTimeout = onTimeout;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aRoomDeliveryReachesOnlyTheRoomsMembersOfItsApi() {
        // given a device and a pubsub connection in the room, and a device outside it
        RecordingSink device = new RecordingSink();
        RecordingSink pubsub = new RecordingSink();
        RecordingSink outside = new RecordingSink();
        connections.join(connections.getOrAdd("d-1", "device", "device", "app1", () -> device), "app1", "bp_student_42");
        connections.join(connections.getOrAdd("p-1", "pubsub", "routing", "app1", () -> pubsub), "app1", "bp_student_42");
        connections.getOrAdd("d-2", "device", "device", "app1", () -> outside);

        // when
        writer.write(new EmitToConnections(null, "memos_update", List.of(), null, "bp_student_42", "app1", "device", null, null, null,
            null));

        // then
        assertThat(device.events).containsExactly("memos_update");
        assertThat(pubsub.events).isEmpty();
        assertThat(outside.events).isEmpty();
    }

    @Test
    void aDeliveryOfASampledTraceIsWrittenUnderASpanThatContinuesIt() {
        // given routing's span of a sampled trace, named by the delivery's record
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        Tracer tracer = SdkTracerProvider.builder().setSampler(Sampler.parentBased(Sampler.alwaysOff()))
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");
        DeliveryWriter traced = new DeliveryWriter(connections, new ReceiptSender(receipts), new MessageSpans(tracer), metrics);
        String routing = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        connections.getOrAdd("p-1", "pubsub", "routing", "app1", () -> first);
        connections.getOrAdd("p-2", "pubsub", "routing", "app1", () -> second);

        // when it is written to two connections, and an untraced one after it
        traced.write(new EmitToConnections(List.of("p-1", "p-2"), "message", List.of(), null, null, "app1", "pubsub", null, null, null,
            null, null, null, routing));
        traced.write(new EmitToConnections(List.of("p-1"), "message", List.of(), null, null, "app1", "pubsub", null, null, null, null));

        // then one span, the child of routing's, counts both connections
        assertThat(first.events).containsExactly("message", "message");
        assertThat(exported.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("deliver message");
            assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
            assertThat(span.getAttributes().get(AttributeKey.longKey("push.connections"))).isEqualTo(2L);
        });
    }

    @Test
    void aConnectionThatClosedLeavesItsRooms() {
        RecordingSink device = new RecordingSink();
        connections.join(connections.getOrAdd("d-1", "device", "device", () -> device), "app1", "r");

        connections.remove("d-1");

        assertThat(connections.inRoom("app1", "r")).isEmpty();
    }

    @Test
    void theClientsAckPayloadComesBackInTheReceipt() {
        // given
        RecordingSink sink = new RecordingSink();
        LocalConnection connection = connections.getOrAdd("d-1", "device", "device", () -> sink);

        // when a delivery asks for the client's ack and the client acks with its status
        writer.write(new EmitToConnections(List.of("d-1"), "device_status", List.of(), null, null, null, "device", "CLIENT", 5000L,
            TICKET, null));
        sink.pendingAck.accept(JSON.objectNode().put("status", "online"));

        // then routing hears it was delivered, with the payload
        DeliveryReceipt receipt = receiptSent(connection);
        assertThat(receipt.delivered()).isTrue();
        assertThat(receipt.ack().get("status").asText()).isEqualTo("online");
        assertThat(receipt.ticket()).isEqualTo(TICKET);
    }

    @Test
    void noAckInTimeIsReportedAsNotDelivered() {
        RecordingSink sink = new RecordingSink();
        LocalConnection connection = connections.getOrAdd("d-1", "device", "device", () -> sink);

        writer.write(new EmitToConnections(List.of("d-1"), "device_status", List.of(), "77", null, null, "device", "CLIENT", 1000L,
            TICKET, null));
        sink.pendingTimeout.run();

        DeliveryReceipt receipt = receiptSent(connection);
        assertThat(receipt.delivered()).isFalse();
        assertThat(receipt.receiptId()).isEqualTo("77");
    }

    @Test
    void aServiceReplyAnswersTheClientFramesAckCallbackOnce() {
        // given a client frame that asked for an ack
        RecordingSink sink = new RecordingSink();
        LocalConnection connection = connections.getOrAdd("c-1", "chat", "chat", () -> sink);
        List<List<JsonNode>> answers = new ArrayList<>();
        connection.awaitAnswer("frame-1", answers::add);

        // when the service replies to it, twice
        EmitToConnections reply = new EmitToConnections(List.of("c-1"), null, List.of(JSON.objectNode().put("code", 0)), null, null,
            null, "chat", null, null, null, "frame-1");
        writer.write(reply);
        writer.write(reply);

        // then the callback got the reply's arguments once, and no event was sent
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get(0).get("code").asInt()).isZero();
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aDeliveryWithoutReceiptOrTicketSendsNothingBack() {
        RecordingSink sink = new RecordingSink();
        connections.getOrAdd("c-1", "pubsub", "routing", () -> sink);

        writer.write(new EmitToConnections(List.of("c-1"), "message", List.of()));

        assertThat(sink.events).containsExactly("message");
        verify(receipts, never()).publishToRouting(any(), any(), any());
    }

    @Test
    void aClientThatDoesNotReadLosesQos0EventsPastItsOutboundBudgetAndKeepsItsConnection() {
        // given a client whose outbound buffer is past its bound
        RecordingSink sink = new RecordingSink();
        sink.congested = true;
        connections.getOrAdd("c-1", "pubsub", "routing", () -> sink);

        // when a QoS 0 event comes for it
        writer.write(new EmitToConnections(List.of("c-1"), "message", List.of()));

        // then it is dropped and counted, and the connection lives on
        assertThat(sink.events).isEmpty();
        assertThat(sink.closed).isFalse();
        assertThat(metrics.counter("push_gateway_deliveries_total", "outcome", "slow-consumer-dropped").count()).isEqualTo(1);
    }

    @Test
    void aStoredDeliveryToAClientThatDoesNotReadClosesItsConnectionAndStaysStored() {
        // given a client whose outbound buffer is past its bound
        RecordingSink sink = new RecordingSink();
        sink.congested = true;
        connections.getOrAdd("c-1", "pubsub", "routing", () -> sink);

        // when a stored delivery comes for it
        writer.write(new EmitToConnections(List.of("c-1"), "message", List.of(), "77", null, null, null, "RECEIPT", null, null, null));

        // then it is not buffered, no receipt says it was written (it stays stored for the next connection), and the
        // connection is closed and counted
        assertThat(sink.events).isEmpty();
        assertThat(sink.closed).isTrue();
        verify(receipts, never()).publishToRouting(any(), any(), any());
        assertThat(metrics.counter("push_gateway_disconnects_total", "api", "pubsub", "reason", "slow-consumer").count()).isEqualTo(1);
    }

    @Test
    void aClientAckDeliveryToAClientThatDoesNotReadClosesItsConnection() {
        RecordingSink sink = new RecordingSink();
        sink.congested = true;
        connections.getOrAdd("d-1", "device", "device", () -> sink);

        writer.write(new EmitToConnections(List.of("d-1"), "device_status", List.of(), "78", null, null, "device", "CLIENT", 5000L,
            TICKET, null));

        assertThat(sink.events).isEmpty();
        assertThat(sink.closed).isTrue();
        verify(receipts, never()).publishToRouting(any(), any(), any());
    }

    @Test
    void aDeliveryOfOneAppNeverReachesAConnectionOfAnotherAndItsSenderHearsConnectionGone() {
        // given a connection of app B
        RecordingSink sink = new RecordingSink();
        connections.getOrAdd("b-1", "pubsub", "routing", "app-b", () -> sink);

        // when app A sends it an event by its id, asking for the outcome
        writer.write(new EmitToConnections(List.of("b-1"), "foreign", List.of(), null, null, "app-a", "pubsub", "NONE", null, TICKET, null));

        // then nothing is written, it is counted, and the outcome says the connection is not there
        assertThat(sink.events).isEmpty();
        assertThat(metrics.counter("push_gateway_deliveries_total", "outcome", "other-app-refused").count()).isEqualTo(1);
        assertThat(goneReceiptSent("b-1").failure()).isEqualTo(DeliveryReceipt.CONNECTION_GONE);
    }

    @Test
    void aDeliveryToAConnectionThatIsGoneIsAnsweredConnectionGoneWhenSomeoneAskedForItsOutcome() {
        writer.write(new EmitToConnections(List.of("gone-1"), "notice", List.of(), null, null, "app-a", "pubsub", "NONE", null, TICKET, null));

        DeliveryReceipt receipt = goneReceiptSent("gone-1");
        assertThat(receipt.delivered()).isFalse();
        assertThat(receipt.ticket()).isEqualTo(TICKET);
        assertThat(receipt.failure()).isEqualTo(DeliveryReceipt.CONNECTION_GONE);
    }

    @Test
    void aDeliveryToBeWrittenOnceIsWrittenOnceToAConnectionHoweverOftenItComesAndEachTimeAnsweredWritten() {
        RecordingSink sink = new RecordingSink();
        LocalConnection connection = connections.getOrAdd("c-1", "chat", "chat", () -> sink);
        var once = new EmitToConnections(List.of("c-1"), "new message", List.of(), null, null, null, "chat", "RECEIPT", null, TICKET, null,
            "m-1");

        writer.write(once);
        writer.write(once);
        writer.write(new EmitToConnections(List.of("c-1"), "new message", List.of(), null, null, null, "chat", "RECEIPT", null, TICKET,
            null, "m-2"));

        assertThat(sink.events).containsExactly("new message", "new message");
        ArgumentCaptor<JsonNode> payloads = ArgumentCaptor.forClass(JsonNode.class);
        verify(receipts, org.mockito.Mockito.times(3)).publishToRouting(eq(EnvelopeTypes.DELIVERY_RECEIPT), eq(connection), payloads.capture());
        assertThat(payloads.getAllValues()).allSatisfy(p -> assertThat(p.get("delivered").asBoolean()).isTrue());
    }

    @Test
    void aStoredDeliverySentAgainWhileItsClientAckIsAwaitedIsNotWrittenTwice() {
        // given a stored delivery written to a client that has not acked it yet
        RecordingSink sink = new RecordingSink();
        LocalConnection connection = connections.getOrAdd("t-1", "push", "push", () -> sink);
        var stored = new EmitToConnections(List.of("t-1"), "push", List.of(), "r-1", null, null, "push", "CLIENT", 5000L, TICKET, null);
        writer.write(stored);

        // when routing sends it again (overdue) before the ack arrives, then the client acks
        writer.write(stored);
        sink.pendingAck.accept(JSON.objectNode());

        // then the client got it once, and routing heard once that it was delivered
        assertThat(sink.events).containsExactly("push");
        assertThat(receiptSent(connection).delivered()).isTrue();
    }

    @Test
    void aStoredDeliveryWhoseAckDidNotComeIsWrittenAgainWhenSentAgain() {
        RecordingSink sink = new RecordingSink();
        connections.getOrAdd("t-1", "push", "push", () -> sink);
        var stored = new EmitToConnections(List.of("t-1"), "push", List.of(), "r-1", null, null, "push", "CLIENT", 5000L, TICKET, null);
        writer.write(stored);
        sink.pendingTimeout.run();

        writer.write(stored);

        assertThat(sink.events).containsExactly("push", "push");
    }

    private DeliveryReceipt goneReceiptSent(String connectionId) {
        ArgumentCaptor<JsonNode> payload = ArgumentCaptor.forClass(JsonNode.class);
        verify(receipts).receiptForGone(eq(EnvelopeTypes.DELIVERY_RECEIPT), eq(connectionId), payload.capture());
        return EnvelopeCodec.mapper().convertValue(payload.getValue(), DeliveryReceipt.class);
    }

    private DeliveryReceipt receiptSent(LocalConnection connection) {
        ArgumentCaptor<JsonNode> payload = ArgumentCaptor.forClass(JsonNode.class);
        verify(receipts).publishToRouting(eq(EnvelopeTypes.DELIVERY_RECEIPT), eq(connection), payload.capture());
        try {
            return EnvelopeCodec.mapper().treeToValue(payload.getValue(), DeliveryReceipt.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
