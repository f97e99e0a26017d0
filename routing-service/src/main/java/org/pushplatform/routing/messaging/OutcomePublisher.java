package org.pushplatform.routing.messaging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.contract.delivery.DeliveryOutcome;

/**
 * Outcomes of delivery commands on {@code push.events.deliveries}, as structured CloudEvents keyed by the command's
 * requester: {@code org.pushplatform.delivery.delivered} or {@code org.pushplatform.delivery.failed}. A command
 * without a requester has nobody to tell; its outcomes are only counted.
 */
// made at start, so that its counters are there before the first outcome
@Startup
@ApplicationScoped
public class OutcomePublisher {

    public static final String DELIVERED = "org.pushplatform.delivery.delivered";
    public static final String FAILED = "org.pushplatform.delivery.failed";

    private final Emitter<DeliveryOutcome> emitter;
    private final MeterRegistry metrics;

    public OutcomePublisher(@Channel("events-deliveries") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                            Emitter<DeliveryOutcome> emitter, MeterRegistry metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
        // every status from the start, at 0: a dashboard's rate() sees a series before the first outcome
        for (DeliveryOutcome.Status status : DeliveryOutcome.Status.values()) {
            metrics.counter("push_delivery_outcomes_total", "status", status.name(), "reason", "none");
        }
    }

    public void publish(DeliveryOutcome outcome) {
        String reason = outcome.reason() == null ? "none" : outcome.reason().name();
        metrics.counter("push_delivery_outcomes_total", "status", outcome.status().name(), "reason", reason).increment();
        if (outcome.requester() == null) {
            return;
        }
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
            .withId(UUID.randomUUID().toString())
            .withType(outcome.status() == DeliveryOutcome.Status.DELIVERED ? DELIVERED : FAILED)
            .withSubject(outcome.messageId())
            .withTimestamp(Instant.ofEpochMilli(outcome.timestamp()).atZone(ZoneOffset.UTC))
            .build();
        OutgoingKafkaRecordMetadata<String> key = OutgoingKafkaRecordMetadata.<String>builder().withKey(outcome.requester()).build();
        emitter.send(Message.of(outcome).addMetadata(ce).addMetadata(key));
    }
}
