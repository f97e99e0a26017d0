package org.pushplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    @Test
    void aBatchCarriesItsRecordsInOrder() {
        // given two records for one node, encoded once
        Envelope emit = Envelope.toGateway(EnvelopeTypes.EMIT, "gw-1", "m-1",
            EnvelopeCodec.toJson(new EmitToConnections(List.of("c-1"), "message", List.of(JsonNodeFactory.instance.textNode("a\"b")))));
        Envelope join = Envelope.toGateway(EnvelopeTypes.JOIN_ROOM, "gw-1", "m-2",
            EnvelopeCodec.toJson(new GatewayControl("c-1", "app", "lobby", null, null)));

        // when
        Envelope batch = EnvelopeCodec.decode(RecordBatch.encode("gw-1", "b-1", List.of(EnvelopeCodec.encode(emit), EnvelopeCodec.encode(join))));

        // then
        assertThat(batch.type()).isEqualTo(EnvelopeTypes.BATCH);
        assertThat(batch.nodeId()).isEqualTo("gw-1");
        assertThat(RecordBatch.records(batch)).containsExactly(emit, join);
    }

    @Test
    void aBatchWithoutRecordsIsMalformed() {
        Envelope empty = Envelope.toGateway(EnvelopeTypes.BATCH, "gw-1", "b", JsonNodeFactory.instance.objectNode());

        assertThatThrownBy(() -> RecordBatch.records(empty)).isInstanceOf(EnvelopeCodec.MalformedEnvelopeException.class);
    }
}
