package org.pushplatform.device.commands;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.device.messaging.DeviceEvents;

/**
 * REST calls waiting ({@code ?wait=}) for commands to end. A command ending on this instance wakes them at once;
 * one ending on another instance wakes them through its integration event, which every instance reads.
 */
@ApplicationScoped
public class CommandWaiters {

    /** At most this many commands are waited for at once on one instance; more calls answer without waiting. */
    static final int MAX_WAITED = 10_000;

    private final Map<Long, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    public CommandWaiters(MeterRegistry metrics) {
        metrics.gauge("push_device_command_waiters", waiting, Map::size);
    }

    /** Completes when the command ends; the caller bounds the wait. Never completes when too many are waited for. */
    public CompletableFuture<Void> untilFinal(long commandId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (waiting.size() < MAX_WAITED) {
            waiting.computeIfAbsent(commandId, id -> new CopyOnWriteArrayList<>()).add(done);
        }
        return done;
    }

    /** The caller stopped waiting. */
    public void forget(long commandId, CompletableFuture<Void> waiter) {
        waiting.computeIfPresent(commandId, (id, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    /** Commands changed here. */
    public void changed(Collection<CommandChange> changes) {
        for (CommandChange change : changes) {
            if (change.state() != null && change.state().isFinal()) {
                wake(change.id());
            }
        }
    }

    /** Commands changed on any instance: their structured CloudEvents on {@code push.events.device}, a poll at a time. */
    @Incoming("command-changes")
    public Uni<Void> changedAnywhere(ConsumerRecords<String, String> records) {
        if (!waiting.isEmpty()) {
            records.forEach(record -> changedAnywhere(record.value()));
        }
        return Uni.createFrom().voidItem();
    }

    private void changedAnywhere(String cloudEvent) {
        try {
            JsonNode event = EnvelopeCodec.mapper().readTree(cloudEvent);
            String type = event.path("type").asText("");
            if (type.startsWith(DeviceEvents.COMMAND_PREFIX)) {
                CommandState state = CommandState.valueOf(event.path("data").path("state").asText("QUEUED"));
                if (state.isFinal()) {
                    wake(event.path("data").path("commandId").asLong());
                }
            }
        } catch (Exception e) {
            // not an event of ours: nobody waits for it
        }
    }

    private void wake(long commandId) {
        List<CompletableFuture<Void>> waiters = waiting.remove(commandId);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(null));
        }
    }
}
