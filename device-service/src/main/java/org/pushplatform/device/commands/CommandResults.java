package org.pushplatform.device.commands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Commands read back for a REST answer, after waiting (at most as long as asked) for them to end. */
@ApplicationScoped
public class CommandResults {

    private final CommandLedger ledger;
    private final CommandWaiters waiters;

    public CommandResults(CommandLedger ledger, CommandWaiters waiters) {
        this.ledger = ledger;
        this.waiters = waiters;
    }

    /** The commands as they are once all have ended, or when {@code wait} has passed (zero: at once). */
    public Uni<List<Command>> whenFinal(String app, List<Long> ids, Duration wait) {
        if (wait.isZero() || ids.isEmpty()) {
            return ledger.findAll(app, ids);
        }
        // waiting first, then reading: a command that ends in between is read as ended
        List<CompletableFuture<Void>> ended = ids.stream().map(waiters::untilFinal).toList();
        return ledger.findAll(app, ids).flatMap(now -> allFinal(now) ? Uni.createFrom().item(now)
                : Uni.createFrom().completionStage(CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new)))
                    .ifNoItem().after(wait).recoverWithItem((Void) null)
                    .chain(() -> ledger.findAll(app, ids)))
            .eventually(() -> {
                for (int i = 0; i < ids.size(); i++) {
                    waiters.forget(ids.get(i), ended.get(i));
                }
            });
    }

    public static boolean allFinal(List<Command> commands) {
        return commands.stream().allMatch(command -> command.state().isFinal());
    }
}
