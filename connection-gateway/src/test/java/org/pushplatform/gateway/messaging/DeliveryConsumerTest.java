package org.pushplatform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.NodeExpired;
import org.pushplatform.gateway.messaging.DeliveryWriterTest.RecordingSink;

class DeliveryConsumerTest {

    private final org.pushplatform.gateway.session.LocalConnections connections = new org.pushplatform.gateway.session.LocalConnections();
    private final InboundPublisher publisher = mock(InboundPublisher.class);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final NodeRun run = new NodeRun();
    private final ReceiptSender receipts = new ReceiptSender(publisher);
    private final DeliveryConsumer consumer = new DeliveryConsumer(connections, new DeliveryWriter(connections, receipts, DeliveryWriterTest.NO_SPANS, metrics),
        publisher, receipts, run, metrics);

    private void receive(String type, Object payload) {
        consumer.consume(EnvelopeCodec.encode(Envelope.toGateway(type, "gw-1", "m-1", EnvelopeCodec.toJson(payload))));
    }

    @Test
    void aControlCommandOfOneAppNeverTouchesAConnectionOfAnother() {
        // given a connection of app B
        RecordingSink sink = new RecordingSink();
        var connection = connections.getOrAdd("b-1", "pubsub", "routing", "app-b", () -> sink);

        // when app A's commands name it
        receive(EnvelopeTypes.JOIN_ROOM, new GatewayControl("b-1", "app-a", "lobby", null, null));
        receive(EnvelopeTypes.BOUND, new GatewayControl("b-1", "app-a", null, "app-a/intruder", null));
        receive(EnvelopeTypes.DISCONNECT, new GatewayControl("b-1", "app-a", null, null, "taken over"));

        // then it is in no room of A, keeps its key, stays open, and each is counted
        assertThat(connections.inRoom("app-a", "lobby")).isEmpty();
        assertThat(connection.routingKey()).isEqualTo("b-1");
        assertThat(sink.closed).isFalse();
        assertThat(metrics.counter("push_gateway_deliveries_total", "outcome", "other-app-refused").count()).isEqualTo(3);

        // and its own app's commands still act on it
        receive(EnvelopeTypes.JOIN_ROOM, new GatewayControl("b-1", "app-b", "lobby", null, null));
        assertThat(connections.inRoom("app-b", "lobby")).containsExactly(connection);
    }

    @Test
    void aBindingForAConnectionClosedBeforeItCameIsAnsweredWithItsClose() {
        receive(EnvelopeTypes.BOUND, new GatewayControl("gone-1", "app-a", null, "app-a/sn1", null));

        verify(publisher).closedElsewhere("gone-1", "app-a", "app-a/sn1");
    }

    @Test
    void whenRoutingTookThisRunForDeadItsConnectionsOpenedBeforeAreClosedAndLaterOnesKept() throws Exception {
        // given a connection opened before routing heard this run again, and one after
        RecordingSink before = new RecordingSink();
        connections.getOrAdd("c-1", "pubsub", "routing", "app-a", () -> before);
        Thread.sleep(5);
        long heardAgainAt = System.currentTimeMillis();
        Thread.sleep(5);
        RecordingSink after = new RecordingSink();
        connections.getOrAdd("c-2", "pubsub", "routing", "app-a", () -> after);

        // when routing says this run was taken for dead, and another run's notice comes too
        receive(EnvelopeTypes.NODE_EXPIRED, new NodeExpired("another-run", heardAgainAt + 60_000));
        assertThat(before.closed).isFalse();
        receive(EnvelopeTypes.NODE_EXPIRED, new NodeExpired(run.bootId(), heardAgainAt));

        // then only the earlier one is closed, so that its client connects again
        assertThat(before.closed).isTrue();
        assertThat(after.closed).isFalse();
    }

    @Test
    void aJoinWithATicketIsAnsweredOnceAppliedAndOneForAConnectionThatIsGoneSaysSo() {
        // given a connection of app A
        connections.getOrAdd("a-1", "pubsub", "routing", "app-a", RecordingSink::new);
        var ticket = new org.pushplatform.contract.DeliveryTicket("join-1", "team", null);

        // when a join with a ticket comes for it, and one for a connection that is gone
        receive(EnvelopeTypes.JOIN_ROOM, new GatewayControl("a-1", "app-a", "lobby", null, null, ticket));
        receive(EnvelopeTypes.JOIN_ROOM, new GatewayControl("gone-1", "app-a", "lobby", null, null, ticket));

        // then routing hears that the first took effect and the second found no connection
        var payload = org.mockito.ArgumentCaptor.forClass(com.fasterxml.jackson.databind.JsonNode.class);
        verify(publisher).publishToRouting(org.mockito.ArgumentMatchers.eq(EnvelopeTypes.DELIVERY_RECEIPT),
            org.mockito.ArgumentMatchers.any(), payload.capture());
        assertThat(payload.getValue().get("delivered").asBoolean()).isTrue();
        verify(publisher).receiptForGone(org.mockito.ArgumentMatchers.eq(EnvelopeTypes.DELIVERY_RECEIPT),
            org.mockito.ArgumentMatchers.eq("gone-1"), payload.capture());
        assertThat(payload.getValue().get("failure").asText()).isEqualTo("CONNECTION_GONE");
    }
}
