package org.pushplatform.routing.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * The bytes of the records this instance handed Kafka for gateway nodes and the repartition step, and Kafka has not
 * acknowledged yet. Past their bound, routing reads no more records until Kafka has taken enough (it pushes back
 * on its inputs), so a broker that is slow or away cannot fill the heap with a fan-out waiting to be sent.
 */
@ApplicationScoped
public class OutboundBacklog {

    private static final Duration CHECK_EVERY = Duration.ofMillis(10);

    private final AtomicLong inFlight = new AtomicLong();
    private final long most;
    private final Counter waits;

    @Inject
    public OutboundBacklog(RoutingConfig config, MeterRegistry metrics) {
        this(config.maxOutboundBytes(), metrics);
    }

    OutboundBacklog(long most, MeterRegistry metrics) {
        this.most = most;
        this.waits = metrics.counter("push_routing_outbound_backlog_waits_total");
        metrics.gauge("push_routing_outbound_bytes_in_flight", inFlight);
    }

    /** The record counts as in flight until Kafka acknowledged or refused it. */
    <T> Message<T> counted(Message<T> message, long bytes) {
        inFlight.addAndGet(bytes);
        return message.withAck(() -> {
            inFlight.addAndGet(-bytes);
            return message.ack();
        }).withNack(failure -> {
            inFlight.addAndGet(-bytes);
            return message.nack(failure);
        });
    }

    /** Completes at once while the backlog is within its bound, else as soon as it is again. */
    public Uni<Void> room() {
        if (inFlight.get() <= most) {
            return Uni.createFrom().voidItem();
        }
        waits.increment();
        return Uni.createFrom().voidItem().onItem().delayIt().by(CHECK_EVERY).flatMap(checked -> room());
    }

    long inFlight() {
        return inFlight.get();
    }
}
