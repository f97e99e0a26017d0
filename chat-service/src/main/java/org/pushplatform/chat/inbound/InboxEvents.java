package org.pushplatform.chat.inbound;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.inbox.InboxCategory;
import org.pushplatform.chat.inbox.InboxStore;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * The inbox's events: {@code inbox unread} (a category at a time: its session type, value, newest text and time,
 * unread count), {@code all unread} (chat and inbox together, and what is muted), and {@code clear notification}
 * (leaves {@code value} unread when {@code clear} is true, as the web does; the mobile sends false and only the other
 * devices are told), synced to the account's other devices.
 */
@ApplicationScoped
public class InboxEvents {

    private static final long MAX_REMAINING = 1_000_000;

    private final InboxStore inbox;
    private final MessageStore messages;
    private final Clock clock = Clock.systemUTC();

    public InboxEvents(InboxStore inbox, MessageStore messages) {
        this.inbox = inbox;
        this.messages = messages;
    }

    public Uni<List<DeliveryRecord>> inboxUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        return inbox.counters(by.app(), by.accountId()).map(counters -> {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (InboxStore.Counter c : counters) {
                var item = result.addObject().put("type", c.category().sessionType()).put("value", c.category().value())
                    .put("time", c.lastAt().toInstant().toString());
                item.putObject("msg").put("con", c.lastText());
                item.put("count", c.unread());
            }
            return List.of(ChatReplies.result(frame, result));
        });
    }

    public Uni<List<DeliveryRecord>> allUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        return messages.unread(by.app(), by.accountId()).flatMap(chat -> inbox.counters(by.app(), by.accountId()).map(counters -> {
            long count = chat.stream().mapToLong(MessageStore.Unread::count).sum()
                + counters.stream().mapToLong(InboxStore.Counter::unread).sum();
            long notPush = chat.stream().filter(u -> !u.push()).mapToLong(MessageStore.Unread::count).sum();
            return List.of(ChatReplies.result(frame, JsonNodeFactory.instance.objectNode().put("count", count).put("notPush", notPush)));
        }));
    }

    /** {@code clear notification {type: "system", value: 0, clear: true}}: answered 1; the others get {@code {time, type, value}}. */
    public Uni<List<DeliveryRecord>> clearNotification(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode payload = frame.payload();
        var category = payload == null ? null : InboxCategory.ofValue(payload.path("type").asText("")).orElse(null);
        JsonNode value = payload == null ? null : payload.path("value");
        if (category == null || value == null || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > MAX_REMAINING) {
            return Uni.createFrom().item(List.of(ChatReplies.error(frame,
                "clear notification needs {type: system, post, calendar, task or knowledge, value: the count left unread, clear}")));
        }
        boolean clear = payload.path("clear").asBoolean(false);
        Uni<Long> left = clear ? inbox.clear(by.app(), by.accountId(), category, value.asLong()) : Uni.createFrom().item(value.asLong());
        return left.map(remaining -> {
            var synced = JsonNodeFactory.instance.objectNode().put("time", clock.instant().getEpochSecond())
                .put("type", category.value()).put("value", remaining);
            return List.of(ChatReplies.result(frame, IntNode.valueOf(1)),
                ChatReplies.toOtherDevices(frame, by.accountId(), ChatApi.CLEAR_NOTIFICATION, synced));
        });
    }
}
