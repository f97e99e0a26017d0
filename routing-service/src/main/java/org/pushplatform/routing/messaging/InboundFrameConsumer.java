package org.pushplatform.routing.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.routing.pubsub.PubsubFrameDispatcher;

/** Reads {@code push.in.routing}: connection lifecycle and pubsub frames from every gateway node. */
@ApplicationScoped
public class InboundFrameConsumer {

    private static final Logger LOG = Logger.getLogger(InboundFrameConsumer.class);

    private final PubsubFrameDispatcher dispatcher;
    private final MeterRegistry metrics;

    public InboundFrameConsumer(PubsubFrameDispatcher dispatcher, MeterRegistry metrics) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Incoming("routing-in")
    public Uni<Void> consume(String record) {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(record);
        } catch (EnvelopeCodec.MalformedEnvelopeException e) {
            metrics.counter("push_records_rejected_total", "topic", "in.routing").increment();
            LOG.warnf("[routing] dropped a record that is not an envelope: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return dispatcher.dispatch(envelope)
            .onFailure().recoverWithItem(failure -> {
                metrics.counter("push_frames_failed_total", "type", envelope.type()).increment();
                LOG.errorf(failure, "[%s] %s failed", envelope.connectionId(), envelope.type());
                return null;
            });
    }
}
