package org.pushplatform.device.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.devices.DeviceOwnership;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.messaging.CoreCommands;
import org.pushplatform.device.messaging.DeviceNudges;

/**
 * The owner's side of commands: sends the next queued commands of its online devices, oldest first, keeping at most
 * a window of them unanswered per device, so that a command the device never answers holds back the ones behind
 * it only until it times out. Only the instance that owns a device's partition sends its commands, and it runs one
 * send at a time (devices asked for meanwhile go together in the next), so a device's commands go out once and in
 * order, whether a nudge, a connection or a change made here asked for them.
 */
@ApplicationScoped
public class CommandDispatcher {

    /** Devices asked for by one caller, and what it waits on. */
    private record Ask(Collection<DeviceRef> devices, CompletableFuture<Void> done) {
    }

    private final CommandLedger ledger;
    private final CoreCommands core;
    private final CommandChanges changes;
    private final DeviceNudges nudges;
    private final DeviceOwnership ownership;
    private final int inFlight;
    private final List<Ask> asked = new ArrayList<>();
    private boolean sending;

    public CommandDispatcher(CommandLedger ledger, CoreCommands core, CommandChanges changes, DeviceNudges nudges,
                             DeviceOwnership ownership, DeviceConfig config) {
        this.ledger = ledger;
        this.core = core;
        this.changes = changes;
        this.nudges = nudges;
        this.ownership = ownership;
        this.inFlight = config.device().inFlightPerDevice();
    }

    /**
     * Published, and what the changes let go out sent: a device owned here at once, another's owner nudged when the
     * device has commands queued. A change to SENT frees nothing.
     */
    public Uni<Void> publishedAndDispatched(List<CommandChange> changed) {
        changes.published(changed);
        Set<DeviceRef> owned = new LinkedHashSet<>();
        Set<DeviceRef> elsewhere = new LinkedHashSet<>();
        for (CommandChange change : changed) {
            if (change.state() != CommandState.SENT) {
                (ownership.owns(change.device()) ? owned : elsewhere).add(change.device());
            }
        }
        return sendNext(owned).call(() -> ledger.withQueued(new ArrayList<>(elsewhere)).flatMap(nudges::dispatch));
    }

    /**
     * Sends the next commands of these devices (owned here), on subscription; completes when Kafka has them. What is
     * asked for waits here only while one send runs, and each ask is a caller waiting on it.
     */
    public Uni<Void> sendNext(Collection<DeviceRef> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            boolean start;
            synchronized (asked) {
                asked.add(new Ask(devices, done));
                start = !sending;
                sending = true;
            }
            if (start) {
                sendAsked();
            }
            return Uni.createFrom().completionStage(done);
        });
    }

    /**
     * One send for every device asked for so far, then the next, until none is asked for. The next starts once this
     * one's records are handed to Kafka's producer, which keeps their order, not once Kafka has them.
     */
    private void sendAsked() {
        List<Ask> batch;
        synchronized (asked) {
            if (asked.isEmpty()) {
                sending = false;
                return;
            }
            batch = List.copyOf(asked);
            asked.clear();
        }
        List<DeviceRef> devices = batch.stream().flatMap(ask -> ask.devices().stream()).distinct().toList();
        ledger.sendNext(devices, inFlight).subscribe().with(sent -> {
            changes.published(sent.stream().map(s -> new CommandChange(s.id(), s.device(), s.event(), CommandState.SENT,
                s.attempt(), null, null, false)).toList());
            // subscribing hands every record to the producer, in order, before the next send begins
            core.send(sent.stream().map(CommandDeliveries::deliverOf).toList()).subscribe().with(
                acked -> batch.forEach(ask -> ask.done().complete(null)),
                failure -> batch.forEach(ask -> ask.done().completeExceptionally(failure)));
            sendAsked();
        }, failure -> {
            batch.forEach(ask -> ask.done().completeExceptionally(failure));
            sendAsked();
        });
    }
}
