package org.pushplatform.gateway.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.tracing.MessageTraces;
import org.pushplatform.gateway.session.LocalConnection;

/**
 * The gateway's two hops of a traced message: a client's frame on its way to Kafka, where its trace starts (sampled
 * as the sampler says), and a delivery being written to this node's connections, which continues the trace its record
 * names. With tracing off every span is OpenTelemetry's no-op, and no record carries a trace.
 */
@ApplicationScoped
public class MessageSpans {

    private final Tracer tracer;

    public MessageSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A client's frame handed to Kafka: ended once Kafka took it. */
    Span received(String type, LocalConnection connection, String messageId) {
        Span span = MessageTraces.startFirst(tracer, type, SpanKind.PRODUCER);
        if (span.isRecording()) {
            span.setAttribute("push.app", String.valueOf(connection.app()));
            span.setAttribute("push.api", connection.api());
            span.setAttribute("push.connection", connection.connectionId());
            span.setAttribute("messaging.message.id", messageId);
        }
        return span;
    }

    /** A delivery written to this node's connections, or null when its record names no sampled trace. */
    Span delivering(EmitToConnections emit) {
        Span span = MessageTraces.startNext(tracer, "deliver " + emit.event(), SpanKind.CONSUMER, emit.trace());
        if (span != null) {
            span.setAttribute("push.app", String.valueOf(emit.app()));
            span.setAttribute("push.api", String.valueOf(emit.api()));
        }
        return span;
    }
}
