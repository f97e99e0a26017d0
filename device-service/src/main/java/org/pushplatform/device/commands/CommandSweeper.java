package org.pushplatform.device.commands;

import java.time.Duration;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.device.config.DeviceConfig;

/**
 * Settles what no outcome will: sent commands whose outcome never came (their connection died with its node, or
 * this service restarted while they were out) time out and are queued again while attempts are left, and open
 * commands past their time to live expire. Every instance sweeps; a command is settled by one of them.
 */
@ApplicationScoped
public class CommandSweeper {

    private static final Logger LOG = Logger.getLogger(CommandSweeper.class);

    private final CommandLedger ledger;
    private final CommandChanges changes;
    private final Duration grace;

    public CommandSweeper(CommandLedger ledger, CommandChanges changes, DeviceConfig config) {
        this.ledger = ledger;
        this.changes = changes;
        this.grace = config.device().lostOutcomeGrace();
    }

    // the first sweep waits for the channels to be connected
    @Scheduled(every = "${push.device.sweep:1s}", delayed = "10s",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return ledger.timeOutLost(grace).flatMap(changes::publishedAndNudged)
            .chain(() -> ledger.expire()).flatMap(changes::publishedAndNudged)
            .onFailure().recoverWithUni(failure -> {
                LOG.warnf("[device] sweeping commands failed, trying again later: %s", failure.getMessage());
                return Uni.createFrom().voidItem();
            });
    }
}
