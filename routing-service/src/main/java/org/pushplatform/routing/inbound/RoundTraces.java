package org.pushplatform.routing.inbound;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.tracing.MessageTraces;

/**
 * Routing's hop of each sampled record of one round: a span, the child of the one the record names, which the
 * deliveries it leads to continue (the record goes on to its handler naming it instead). The spans end with the round.
 */
final class RoundTraces {

    private final List<Span> spans = new ArrayList<>(0);

    /** The round, with each sampled record naming routing's span instead; the same list when no record names a trace. */
    List<Envelope> continued(Tracer tracer, List<Envelope> round) {
        List<Envelope> continued = null;
        for (int i = 0; i < round.size(); i++) {
            Envelope record = round.get(i);
            if (record.trace() == null) {
                continue;
            }
            Span span = MessageTraces.startNext(tracer, "route " + record.type(), SpanKind.CONSUMER, record.trace());
            if (span != null) {
                span.setAttribute("push.app", String.valueOf(record.app()));
                span.setAttribute("push.round.records", round.size());
                spans.add(span);
            }
            if (continued == null) {
                continued = new ArrayList<>(round);
            }
            // a trace context that is malformed or not sampled (from a producer of another team) goes no further
            continued.set(i, record.withTrace(MessageTraces.traceparentOf(span)));
        }
        return continued == null ? round : continued;
    }

    void end() {
        spans.forEach(Span::end);
    }
}
