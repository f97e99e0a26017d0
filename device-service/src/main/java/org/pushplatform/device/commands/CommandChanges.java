package org.pushplatform.device.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.messaging.DeviceEvents;
import org.pushplatform.device.messaging.DeviceNudges;

/**
 * What follows a batch of command changes, wherever they happened: an integration event for each, waiting REST
 * calls woken, and the owners of the devices nudged when a command left their window or was queued again.
 */
@ApplicationScoped
public class CommandChanges {

    private final DeviceEvents events;
    private final CommandWaiters waiters;
    private final DeviceNudges nudges;
    private final CommandLedger ledger;
    private final MeterRegistry metrics;

    public CommandChanges(DeviceEvents events, CommandWaiters waiters, DeviceNudges nudges, CommandLedger ledger, MeterRegistry metrics) {
        this.events = events;
        this.ledger = ledger;
        this.waiters = waiters;
        this.nudges = nudges;
        this.metrics = metrics;
    }

    /** Published, without nudging anyone. */
    public void published(List<CommandChange> changes) {
        for (CommandChange change : changes) {
            events.commandChanged(new DeviceEvents.CommandChanged(change.id(), change.device().app(), change.device().serial(),
                change.event(), change.state().name(), change.attempts(), change.result(), change.error(), change.retrying()));
            metrics.counter("push_device_commands_total", "state", change.state().name()).increment();
        }
        waiters.changed(changes);
    }

    /** Published, and the owners of devices with a free place or a retry nudged, when they have commands queued. */
    public Uni<Void> publishedAndNudged(List<CommandChange> changes) {
        published(changes);
        Set<DeviceRef> devices = new LinkedHashSet<>();
        for (CommandChange change : changes) {
            if (change.state() != CommandState.SENT) {
                devices.add(change.device());
            }
        }
        return ledger.withQueued(new ArrayList<>(devices)).flatMap(nudges::dispatch);
    }
}
