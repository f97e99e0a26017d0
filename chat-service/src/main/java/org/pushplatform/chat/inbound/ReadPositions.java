package org.pushplatform.chat.inbound;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.groups.GroupStore;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * What an account has read: {@code unread count} (each conversation's last seq minus the account's read position),
 * {@code clear unread} and {@code clear all unread} (synced to the account's devices as the seed's events, the type a
 * number there), and {@code current chat} (the conversation open on this device: what arrives in it is read at once).
 */
@ApplicationScoped
public class ReadPositions {

    /** The seed's session types in {@code clear unread}: 1 a 1:1 conversation, 2 a group's. */
    private static final int USER = 1;
    private static final int GROUP = 2;

    private final MessageStore messages;
    private final ConnectionStore connections;
    private final GroupStore groups;

    public ReadPositions(MessageStore messages, ConnectionStore connections, GroupStore groups) {
        this.messages = messages;
        this.connections = connections;
        this.groups = groups;
    }

    public Uni<List<DeliveryRecord>> unreadCount(ChatFrame frame, ConnectionStore.Authenticated by) {
        return messages.unread(by.app(), by.accountId()).map(unread -> {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            ArrayNode users = result.putArray("user");
            ArrayNode groupCounts = result.putArray("group");
            long total = 0;
            long notPush = 0;
            for (MessageStore.Unread one : unread) {
                total += one.count();
                if (one.kind() == Conversations.DIRECT) {
                    users.addObject().put("id", one.peer()).put("num", one.count());
                    continue;
                }
                ObjectNode group = groupCounts.addObject().put("id", one.peer()).put("num", one.count()).put("ispush", one.push())
                    .put("at", one.mentionMsgId() != null);
                if (one.mentionMsgId() != null) {
                    group.put("msgid", one.mentionMsgId()).put("time", one.mentionAt().toInstant().toEpochMilli());
                }
                if (!one.push()) {
                    notPush += one.count();
                }
            }
            result.put("num", total);
            result.put("notPush", notPush);
            return List.of(ChatReplies.result(frame, result));
        });
    }

    public Uni<List<DeliveryRecord>> clearUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode payload = frame.payload();
        String type = payload == null ? null : payload.path("type").asText(null);
        String id = payload == null ? null : payload.path("id").asText(null);
        int kind = String.valueOf(USER).equals(type) ? USER : String.valueOf(GROUP).equals(type) ? GROUP : 0;
        if (kind == 0 || !ChatApi.isId(id)) {
            return Uni.createFrom().item(List.of(ChatReplies.error(frame, "clear unread needs {type: \"1\" or \"2\", id: <account or group id>}")));
        }
        String conversation = kind == USER ? Conversations.direct(by.accountId(), id) : Conversations.group(id);
        return messages.readAll(by.app(), by.accountId(), conversation).map(done -> {
            ObjectNode cleared = JsonNodeFactory.instance.objectNode().put("type", kind).put("id", id);
            return List.of(ChatReplies.result(frame, IntNode.valueOf(1)),
                ChatReplies.toOtherDevices(frame, by.accountId(), "clear unread", cleared));
        });
    }

    public Uni<List<DeliveryRecord>> clearAllUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        return messages.readAll(by.app(), by.accountId(), null).map(done -> List.of(ChatReplies.result(frame, IntNode.valueOf(1)),
            ChatReplies.toOtherDevices(frame, by.accountId(), "clear all unread", JsonNodeFactory.instance.objectNode())));
    }

    /**
     * Answers 1 when the conversation is now open on this device (a group's when the id names a group the account is
     * in, else the 1:1 one with that account), 0 when the id names none.
     */
    public Uni<List<DeliveryRecord>> currentChat(ChatFrame frame, ConnectionStore.Authenticated by) {
        String id = frame.payload() == null ? null : frame.payload().path("id").asText(null);
        if (!ChatApi.isId(id)) {
            return Uni.createFrom().item(List.of(ChatReplies.result(frame, IntNode.valueOf(0))));
        }
        return groups.standing(by.app(), id, by.accountId())
            .map(standing -> standing.inGroup() ? Conversations.group(id) : Conversations.direct(by.accountId(), id))
            .flatMap(conversation -> connections.currentChat(frame.connectionId(), conversation))
            .map(done -> List.of(ChatReplies.result(frame, IntNode.valueOf(1))));
    }
}
