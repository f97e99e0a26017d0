package org.pushplatform.device.commands;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.messaging.DeviceEvents;

/**
 * What follows a batch of command changes, wherever they happened: an integration event for each, and waiting REST
 * calls woken. Sending what a change lets go out is the dispatcher's ({@link CommandDispatcher#publishedAndDispatched}).
 */
@ApplicationScoped
public class CommandChanges {

    private final DeviceEvents events;
    private final CommandWaiters waiters;
    private final MeterRegistry metrics;

    public CommandChanges(DeviceEvents events, CommandWaiters waiters, MeterRegistry metrics) {
        this.events = events;
        this.waiters = waiters;
        this.metrics = metrics;
        // every state from the start, at 0: a dashboard's rate() sees a series before the first command
        for (CommandState state : CommandState.values()) {
            metrics.counter("push_device_commands_total", "state", state.name());
        }
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
}
