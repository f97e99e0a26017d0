package org.pushplatform.device.commands;

import java.time.Duration;
import java.util.List;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.messaging.DeviceNudges;
import org.pushplatform.service.Retries;

/**
 * Settles what no outcome will: sent commands whose outcome never came (their connection died with its node, or
 * this service restarted while they were out) time out and are queued again while attempts are left, and open
 * commands past their time to live expire. Every instance sweeps; a command is settled by one of them. Online devices
 * whose queued commands nothing sends (a nudge lost after its settle committed) are nudged again.
 */
@ApplicationScoped
public class CommandSweeper {

    private static final Logger LOG = Logger.getLogger(CommandSweeper.class);
    /** A command queued this long for an online device with room in its window lost its nudge: it gets another. */
    private static final Duration STRANDED_AFTER = Duration.ofSeconds(5);

    private final CommandLedger ledger;
    private final CommandDispatcher dispatcher;
    private final DeviceNudges nudges;
    private final Duration grace;
    private final int inFlight;

    public CommandSweeper(CommandLedger ledger, CommandDispatcher dispatcher, DeviceNudges nudges, DeviceConfig config) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.nudges = nudges;
        this.grace = config.device().lostOutcomeGrace();
        this.inFlight = config.device().inFlightPerDevice();
    }

    private Uni<Void> followUp(List<CommandChange> changed) {
        return Retries.whileTransient(() -> dispatcher.publishedAndDispatched(changed), "following up swept commands");
    }

    // the first sweep waits for the channels to be connected
    @Scheduled(every = "${push.device.sweep:1s}", delayed = "10s",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        // what follows a committed change is tried on its own: trying both again would find nothing left to change
        return ledger.timeOutLost(grace).flatMap(this::followUp)
            .chain(() -> ledger.expire()).flatMap(this::followUp)
            .chain(() -> ledger.stranded(STRANDED_AFTER, inFlight)).flatMap(nudges::dispatch)
            .onFailure().recoverWithUni(failure -> {
                LOG.warnf("[device] sweeping commands failed, trying again later: %s", failure.getMessage());
                return Uni.createFrom().voidItem();
            });
    }
}
