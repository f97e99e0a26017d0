package org.pushplatform.chat.inbox;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.chat.messaging.CoreCommands;

/**
 * Takes a notification in, from REST or Kafka alike: counted once per id, and a new one announced to the account's
 * devices connected now as the seed's {@code new notify {aid, type, dtype}}.
 */
@ApplicationScoped
public class Notifications {

    public static final String NEW_NOTIFY = "new notify";

    private final InboxStore inbox;
    private final CoreCommands core;
    private final MeterRegistry metrics;

    public Notifications(InboxStore inbox, CoreCommands core, MeterRegistry metrics) {
        this.inbox = inbox;
        this.core = core;
        this.metrics = metrics;
    }

    /** @return false when it came before (a replay): nothing counted, nothing announced */
    public Uni<Boolean> accept(Notification n) {
        return inbox.record(n).call(fresh -> {
            metrics.counter("push_chat_notifications_total", "outcome", fresh ? "new" : "repeated").increment();
            if (!fresh) {
                return Uni.createFrom().voidItem();
            }
            var notify = JsonNodeFactory.instance.objectNode().put("aid", n.accountId()).put("type", n.type())
                .put("dtype", n.category().dtype());
            return core.send(List.of(ChatReplies.toAccount(n.app(), n.accountId(), NEW_NOTIFY, notify)));
        });
    }
}
