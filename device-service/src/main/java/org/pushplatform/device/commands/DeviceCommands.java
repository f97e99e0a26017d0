package org.pushplatform.device.commands;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.devices.DeviceRef;

/**
 * Queues commands, from the admin API or from a change it makes (a binding, a schedule): durably first, then the
 * owner of each device is nudged to send them. Options a request leaves out take the service's defaults.
 */
@ApplicationScoped
public class DeviceCommands {

    /** What a request may set of a command; null fields take the defaults. */
    public record Options(Long ackTimeoutMs, Integer maxAttempts, Long ttlSeconds) {
        public static final Options DEFAULTS = new Options(null, null, null);
    }

    private final CommandLedger ledger;
    private final CommandChanges changes;
    private final CommandDispatcher dispatcher;
    private final DeviceConfig.Device config;

    public DeviceCommands(CommandLedger ledger, CommandChanges changes, CommandDispatcher dispatcher, DeviceConfig config) {
        this.ledger = ledger;
        this.changes = changes;
        this.dispatcher = dispatcher;
        this.config = config.device();
    }

    public Uni<CommandLedger.Enqueued> queue(String app, CommandLedger.Selection selection, String event, JsonNode payload, Options options) {
        CommandLedger.NewCommand command = new CommandLedger.NewCommand(event, payload,
            options.maxAttempts() == null ? config.maxAttempts() : options.maxAttempts(),
            options.ackTimeoutMs() == null ? config.ackTimeout().toMillis() : options.ackTimeoutMs(),
            options.ttlSeconds() == null ? config.commandTtl() : Duration.ofSeconds(options.ttlSeconds()));
        return ledger.enqueue(app, selection, command, config.maxOpenPerDevice()).call(enqueued -> {
            changes.published(enqueued.superseded());
            return dispatcher.publishedAndDispatched(enqueued.queued());
        });
    }

    public Uni<CommandLedger.Enqueued> queue(DeviceRef device, String event, JsonNode payload) {
        return queue(device.app(), CommandLedger.Selection.of(device.serial()), event, payload, Options.DEFAULTS);
    }
}
