package org.pushplatform.device.commands;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.messaging.CoreCommands;

/**
 * The owner's side of commands: sends the next queued commands of its online devices, oldest first, keeping at most
 * a window of them unanswered per device, so that a command the device never answers holds back the ones behind
 * it only until it times out. Called only by the instance that owns the devices' partition, so a device's
 * commands go out once and in order.
 */
@ApplicationScoped
public class CommandDispatcher {

    private final CommandLedger ledger;
    private final CoreCommands core;
    private final CommandChanges changes;
    private final int inFlight;

    public CommandDispatcher(CommandLedger ledger, CoreCommands core, CommandChanges changes, DeviceConfig config) {
        this.ledger = ledger;
        this.core = core;
        this.changes = changes;
        this.inFlight = config.device().inFlightPerDevice();
    }

    public Uni<Void> sendNext(List<DeviceRef> devices) {
        return ledger.sendNext(devices, inFlight).flatMap(sent -> {
            changes.published(sent.stream().map(s -> new CommandChange(s.id(), s.device(), s.event(), CommandState.SENT,
                s.attempt(), null, null, false)).toList());
            return core.send(sent.stream().map(CommandDeliveries::deliverOf).toList());
        });
    }
}
