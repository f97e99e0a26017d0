package org.pushplatform.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.pushplatform.contract.Envelope;

class RoundTracesTest {

    private static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Tracer tracer = SdkTracerProvider.builder().setSampler(Sampler.parentBased(Sampler.alwaysOff()))
        .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test");

    private static Envelope record(String id, String trace) {
        return Envelope.fromConnection("pubsub.publish", "gw-1", "c-" + id, id, null).withTrace(trace);
    }

    @Test
    void aSampledRecordGoesOnNamingRoutingsSpanWhichEndsWithTheRound() {
        RoundTraces traces = new RoundTraces();
        List<Envelope> round = traces.continued(tracer, List.of(record("1", SAMPLED), record("2", null)));

        assertThat(exported.getFinishedSpanItems()).isEmpty();
        traces.end();
        var span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("route pubsub.publish");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(round.get(0).trace()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanId() + "-01");
        assertThat(round.get(1).trace()).isNull();
    }

    @Test
    void aMalformedOrUnsampledTraceFromAnotherProducerGoesNoFurther() {
        List<Envelope> round = new RoundTraces().continued(tracer, List.of(record("1", "x".repeat(5_000)),
            record("2", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")));

        assertThat(round).extracting(Envelope::trace).containsOnlyNulls();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aRoundWithoutTracesIsHandedOnAsItIs() {
        List<Envelope> untraced = List.of(record("1", null), record("2", null));

        assertThat(new RoundTraces().continued(tracer, untraced)).isSameAs(untraced);
    }
}
