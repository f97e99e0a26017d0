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
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * What an account has read: {@code unread count} (each conversation's last seq minus the account's read position),
 * {@code clear unread} and {@code clear all unread} (synced to the account's devices as the seed's events, the type a
 * number there), and {@code current chat} (the conversation open on this device: what arrives in it is read at once).
 */
@ApplicationScoped
public class ReadPositions {

    /** The seed's session type of a 1:1 conversation in {@code clear unread}, {@code remove session}. */
    private static final int USER = 1;

    private final MessageStore messages;
    private final ConnectionStore connections;

    public ReadPositions(MessageStore messages, ConnectionStore connections) {
        this.messages = messages;
        this.connections = connections;
    }

    public Uni<List<DeliveryRecord>> unreadCount(ChatFrame frame, ConnectionStore.Authenticated by) {
        return messages.unread(by.app(), by.accountId()).map(unread -> {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            ArrayNode users = result.putArray("user");
            long total = 0;
            for (MessageStore.Unread one : unread) {
                users.addObject().put("id", one.peer()).put("num", one.count());
                total += one.count();
            }
            result.putArray("group");
            result.put("num", total);
            result.put("notPush", 0);
            return List.of(ChatReplies.result(frame, result));
        });
    }

    public Uni<List<DeliveryRecord>> clearUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode payload = frame.payload();
        String type = payload == null ? null : payload.path("type").asText(null);
        String id = payload == null ? null : payload.path("id").asText(null);
        if (!String.valueOf(USER).equals(type) || !DirectMessages.isAccountId(id)) {
            return Uni.createFrom().item(List.of(ChatReplies.error(frame, "clear unread needs {type: \"1\", id: <account id>}")));
        }
        return messages.readAll(by.app(), by.accountId(), Conversations.direct(by.accountId(), id)).map(done -> {
            ObjectNode cleared = JsonNodeFactory.instance.objectNode().put("type", USER).put("id", id);
            return List.of(ChatReplies.result(frame, IntNode.valueOf(1)),
                ChatReplies.toAccount(by.app(), by.accountId(), "clear unread", cleared, false, null));
        });
    }

    public Uni<List<DeliveryRecord>> clearAllUnread(ChatFrame frame, ConnectionStore.Authenticated by) {
        return messages.readAll(by.app(), by.accountId(), null).map(done -> List.of(ChatReplies.result(frame, IntNode.valueOf(1)),
            ChatReplies.toAccount(by.app(), by.accountId(), "clear all unread", JsonNodeFactory.instance.objectNode(), false, null)));
    }

    /** Answers 1 when the conversation is now open on this device, 0 when the id names none. */
    public Uni<List<DeliveryRecord>> currentChat(ChatFrame frame, ConnectionStore.Authenticated by) {
        String id = frame.payload() == null ? null : frame.payload().path("id").asText(null);
        if (!DirectMessages.isAccountId(id)) {
            return Uni.createFrom().item(List.of(ChatReplies.result(frame, IntNode.valueOf(0))));
        }
        return connections.currentChat(frame.connectionId(), Conversations.direct(by.accountId(), id))
            .map(done -> List.of(ChatReplies.result(frame, IntNode.valueOf(1))));
    }
}
