package org.pushplatform.routing.messaging;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.routing.pubsub.PubsubFrameDispatcher;

/**
 * Reads {@code push.in.routing} and {@code push.route}: connection lifecycle, pubsub frames and receipts from every
 * gateway node, and the repartition step from other routing instances, in order per partition.
 */
@ApplicationScoped
public class InboundFrameConsumer {

    private static final Logger LOG = Logger.getLogger(InboundFrameConsumer.class);
    /** While PostgreSQL restarts, a record is tried again for up to a minute before it is dropped. */
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

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
        return Uni.createFrom().deferred(() -> dispatcher.dispatch(envelope))
            .onFailure(TransientFailures::isTransient).invoke(failure -> LOG.warnf("[%s] %s will be tried again: %s",
                envelope.connectionId(), envelope.type(), failure.getMessage()))
            .onFailure(TransientFailures::isTransient).retry().withBackOff(RETRY_FIRST, RETRY_MAX).expireIn(RETRY_FOR.toMillis())
            .onFailure().recoverWithItem(failure -> {
                metrics.counter("push_frames_failed_total", "type", envelope.type()).increment();
                LOG.errorf(failure, "[%s] %s failed", envelope.connectionId(), envelope.type());
                return null;
            });
    }
}
