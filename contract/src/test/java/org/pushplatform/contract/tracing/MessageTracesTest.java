package org.pushplatform.contract.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

class MessageTracesTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();

    private Tracer tracer(Sampler sampler) {
        return SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(SimpleSpanProcessor.create(exported)).build()
            .get("test");
    }

    @Test
    void aSampledFirstHopMakesTheNextHopItsChildInTheSameTrace() {
        Tracer tracer = tracer(Sampler.parentBased(Sampler.alwaysOn()));
        Span first = MessageTraces.startFirst(tracer, "pubsub.publish", SpanKind.PRODUCER);
        String traceparent = MessageTraces.traceparentOf(first);
        first.end();

        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        Span next = MessageTraces.startNext(tracer, "route", SpanKind.CONSUMER, traceparent);
        next.end();

        var spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        assertThat(spans.get(1).getTraceId()).isEqualTo(spans.get(0).getTraceId());
        assertThat(spans.get(1).getParentSpanId()).isEqualTo(spans.get(0).getSpanId());
    }

    @Test
    void anUnsampledMessageCarriesNoTraceAndItsNextHopsStartNone() {
        Tracer tracer = tracer(Sampler.parentBased(Sampler.traceIdRatioBased(0)));
        Span first = MessageTraces.startFirst(tracer, "pubsub.publish", SpanKind.PRODUCER);

        assertThat(MessageTraces.traceparentOf(first)).isNull();
        assertThat(MessageTraces.startNext(tracer, "route", SpanKind.CONSUMER, null)).isNull();
    }

    @Test
    void aMalformedTraceparentFromARecordStartsNoSpan() {
        Tracer tracer = tracer(Sampler.alwaysOn());

        assertThat(MessageTraces.startNext(tracer, "route", SpanKind.CONSUMER, "00-not-a-trace")).isNull();
        assertThat(MessageTraces.startNext(tracer, "route", SpanKind.CONSUMER, "x".repeat(10_000))).isNull();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }
}
