package org.pushplatform.routing.delivery;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Drops stored messages past their time to live and those every target has received. Safe on every instance. */
@ApplicationScoped
public class MessageSweeper {

    private static final Logger LOG = Logger.getLogger(MessageSweeper.class);

    private final MessageStore store;

    public MessageSweeper(MessageStore store) {
        this.store = store;
    }

    @Scheduled(every = "${push.message-sweep:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return store.sweep().invoke(n -> {
            if (n > 0) {
                LOG.debugf("[routing] %d stored messages dropped: received by all, or expired", n);
            }
        }).replaceWithVoid();
    }
}
