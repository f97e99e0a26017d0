package org.pushplatform.device.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.DeviceStore;
import org.pushplatform.device.messaging.DeviceEvents;
import org.pushplatform.service.Retries;

/**
 * Reads the core's outcomes ({@code push.events.deliveries}) a poll at a time, keeps those of this service's
 * commands, and settles their attempts in one statement: acked (with the device's answer), timed out (queued again
 * while attempts are left), or unsent because the device was offline after all (it is marked offline, and its
 * command waits for its next connection without losing an attempt).
 */
@ApplicationScoped
public class OutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final CommandLedger ledger;
    private final DeviceStore devices;
    private final CommandDispatcher dispatcher;
    private final DeviceEvents events;
    private final Counter malformed;

    public OutcomeConsumer(CommandLedger ledger, DeviceStore devices, CommandDispatcher dispatcher, DeviceEvents events, MeterRegistry metrics) {
        this.ledger = ledger;
        this.devices = devices;
        this.dispatcher = dispatcher;
        this.events = events;
        this.malformed = metrics.counter("push_records_rejected_total", "topic", "events.deliveries");
    }

    @Incoming("outcomes")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        // one outcome per command: two connections of a device may both answer, and an ack beats a timeout
        Map<Long, CommandLedger.Outcome> outcomes = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (record.key() == null || !record.key().startsWith(CommandDeliveries.REQUESTER_PREFIX)) {
                continue;
            }
            try {
                DeliveryOutcome outcome = EnvelopeCodec.mapper().readValue(record.value(), DeliveryOutcomeEvent.class).data();
                CommandLedger.Outcome attempt = outcome == null ? null : CommandDeliveries.outcomeOf(outcome);
                CommandLedger.Outcome before = attempt == null ? null : outcomes.get(attempt.id());
                if (attempt != null && (before == null || attempt.settlement() == CommandLedger.Settlement.ACKED
                    && before.settlement() != CommandLedger.Settlement.ACKED)) {
                    outcomes.put(attempt.id(), attempt);
                }
            } catch (Exception e) {
                malformed.increment();
                LOG.debugf("[device] dropped an outcome that does not parse: %s", e.getMessage());
            }
        }
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CommandLedger.Outcome> attempts = new ArrayList<>(outcomes.values());
        // settled first, then what follows, each tried on its own: a retry of both would find nothing left to settle
        return Retries.whileTransient(() -> ledger.settle(attempts), "settling outcomes")
            .flatMap(settled -> Retries.whileTransient(() -> afterSettled(attempts, settled), "following up settled outcomes"));
    }

    private Uni<Void> afterSettled(List<CommandLedger.Outcome> attempts, List<CommandChange> settled) {
        List<Long> unsent = attempts.stream().filter(a -> a.settlement() == CommandLedger.Settlement.UNSENT)
            .map(CommandLedger.Outcome::id).toList();
        List<DeviceRef> acked = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<Integer> faceCounts = new ArrayList<>();
        for (CommandChange change : settled) {
            if (change.state() == CommandState.DELIVERED || change.state() == CommandState.SUCCESSFUL) {
                acked.add(change.device());
                statuses.add(change.result() == null || !change.result().has("status") ? null : change.result().get("status").asText());
                faceCounts.add(change.result() == null || !change.result().has("count") ? null : change.result().get("count").asInt());
            }
        }
        return devices.offlineWhereSent(unsent)
            .invoke(cleared -> cleared.forEach(c -> events.offline(c.device(), c.nodeId(), c.connectionId())))
            .call(() -> devices.acked(acked, statuses, faceCounts))
            .call(() -> dispatcher.publishedAndDispatched(settled))
            .replaceWithVoid();
    }

    /** The structured CloudEvent an outcome travels in; only its data matters here. */
    record DeliveryOutcomeEvent(DeliveryOutcome data) {
    }
}
