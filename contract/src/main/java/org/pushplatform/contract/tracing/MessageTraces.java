package org.pushplatform.contract.tracing;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The trace context a record carries ({@code trace} of the envelope, of a route and of an emit): W3C's
 * {@code traceparent}, read and written by OpenTelemetry's own propagator. Only a sampled span is written, so that
 * an unsampled message carries nothing and costs its hops no parsing.
 */
public final class MessageTraces {

    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> FROM_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private MessageTraces() {
    }

    /** A span of a message's first hop: a trace of its own, sampled as the tracer's sampler says. */
    public static Span startFirst(Tracer tracer, String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).setNoParent().startSpan();
    }

    /** A span of a later hop, the child of the one {@code traceparent} names; null when it names none (not sampled). */
    public static Span startNext(Tracer tracer, String name, SpanKind kind, String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Context parent = W3C.extract(Context.root(), traceparent, FROM_VALUE);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return null;
        }
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
        return builder.startSpan();
    }

    /** The {@code traceparent} that makes later hops children of {@code span}; null when it is not sampled. */
    public static String traceparentOf(Span span) {
        if (span == null) {
            return null;
        }
        SpanContext context = span.getSpanContext();
        if (!context.isValid() || !context.isSampled()) {
            return null;
        }
        String[] written = new String[1];
        W3C.inject(Context.root().with(span), written, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier[0] = value;
            }
        });
        return written[0];
    }
}
