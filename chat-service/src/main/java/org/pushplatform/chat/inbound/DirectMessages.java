package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.chat.conversations.ChatList;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatEvents;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatNudges;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * {@code send message}: 1:1 between contacts only. The message is stored once (with the next seq of the pair's
 * conversation, the sender's read position moved with it), answered {@code {id}}, and both accounts' owners are told
 * of it: every device of the receiver gets it as {@code new message} (now, or when it connects), and so do the
 * sender's other devices, the sending connection not.
 */
@ApplicationScoped
public class DirectMessages {

    private static final Logger LOG = Logger.getLogger(DirectMessages.class);
    static final String NOT_MY_CONTACT = "not my contract";
    static final String DATABASE_ERROR = "database error";
    static final String FROM_USER_NOT_FOUND = "from user not found";

    private final AccountStore accounts;
    private final MessageStore messages;
    private final Quotes quotes;
    private final ChatEvents events;
    private final ChatNudges nudges;
    private final int maxMessageChars;

    public DirectMessages(AccountStore accounts, MessageStore messages, Quotes quotes, ChatEvents events, ChatNudges nudges,
                          ChatConfig config) {
        this.nudges = nudges;
        this.events = events;
        this.quotes = quotes;
        this.accounts = accounts;
        this.messages = messages;
        this.maxMessageChars = config.chat().maxMessageChars();
    }

    /** @return the answer, and the deliveries when one was stored */
    public Uni<List<DeliveryRecord>> send(ChatFrame frame, ConnectionStore.Authenticated from) {
        JsonNode payload = frame.payload() == null ? JsonNodeFactory.instance.objectNode() : frame.payload();
        String problem = MessagePayloads.problemOf(payload, "touser", maxMessageChars);
        if (problem != null) {
            return Uni.createFrom().item(List.of(ChatReplies.answer(frame, ChatReplies.errorOf(problem))));
        }
        String to = payload.path("touser").asText();
        return accounts.find(from.app(), from.accountId()).flatMap(sender -> {
            if (sender == null) {
                return reply(frame, FROM_USER_NOT_FOUND);
            }
            return accounts.areContacts(from.app(), from.accountId(), to).flatMap(contacts -> !contacts ? reply(frame, NOT_MY_CONTACT)
                : quotes.of(sender, payload).flatMap(quote -> !quote.allowed() ? reply(frame, Quotes.NOT_QUOTABLE)
                    : store(frame, from, sender, to, payload, quote.refer())));
        });
    }

    private Uni<List<DeliveryRecord>> store(ChatFrame frame, ConnectionStore.Authenticated from, AccountStore.Account sender, String to,
                                            JsonNode payload, ObjectNode refer) {
        ObjectNode body = MessagePayloads.bodyOf(payload, refer);
        String conversation = Conversations.direct(sender.id(), to);
        var message = new MessageStore.NewMessage(sender.app(), conversation, sender.id(), to, MessagePayloads.clientMsgId(payload),
            payload.path("type").asInt(1), body, frame.connectionId(), from.device());
        return messages.store(message).flatMap(stored -> {
            List<DeliveryRecord> answer = new ArrayList<>();
            answer.add(ChatReplies.answer(frame, JsonNodeFactory.instance.objectNode().put("id", stored.id())));
            Uni<List<DeliveryRecord>> records = Uni.createFrom().item(answer);
            if (!stored.repeated()) {
                events.messageStored(new ChatEvents.MessageStored(sender.app(), conversation, stored.seq(), stored.id(), sender.id(), to,
                    message.type(), body));
                records = chatList(frame, sender, to, stored, body.path("msg").path("con").asText("")).map(list -> {
                    answer.addAll(list);
                    return answer;
                });
            }
            // the receiver's devices, and the sender's others: each account's owner sends what its devices lack (again
            // for a resend: the first try may have stopped before its news went out; a device gets nothing twice)
            Uni<List<DeliveryRecord>> replies = records;
            return nudges.send(List.of(new ChatNudges.News(sender.app(), to, conversation),
                new ChatNudges.News(sender.app(), sender.id(), conversation))).flatMap(sent -> replies);
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("[%s] a message could not be stored: %s", frame.connectionId(), failure.toString());
            return List.of(ChatReplies.answer(frame, ChatReplies.errorOf(DATABASE_ERROR)));
        });
    }

    /**
     * {@code new history} to the receiver's devices and the sender's others; with a conversation's first message,
     * {@code new session} too, each side seeing the other as the session.
     */
    private Uni<List<DeliveryRecord>> chatList(ChatFrame frame, AccountStore.Account sender, String to, MessageStore.Stored stored,
                                               String text) {
        var history = ChatList.history(sender, to, false, text);
        List<DeliveryRecord> records = new ArrayList<>(List.of(ChatReplies.toAccount(sender.app(), to, ChatList.NEW_HISTORY, history),
            ChatReplies.toOtherDevices(frame, sender.id(), ChatList.NEW_HISTORY, history)));
        if (stored.seq() != 1) {
            return Uni.createFrom().item(records);
        }
        records.add(ChatReplies.toAccount(sender.app(), to, ChatList.NEW_SESSION,
            ChatList.session(sender, ChatList.PERSON, text, sender.id(), sender.name(), sender.avatar())));
        return accounts.find(sender.app(), to).map(receiver -> {
            if (receiver != null) {
                records.add(ChatReplies.toOtherDevices(frame, sender.id(), ChatList.NEW_SESSION,
                    ChatList.session(sender, ChatList.PERSON, text, receiver.id(), receiver.name(), receiver.avatar())));
            }
            return records;
        });
    }

    static Uni<List<DeliveryRecord>> reply(ChatFrame frame, String error) {
        return Uni.createFrom().item(List.of(ChatReplies.answer(frame, ChatReplies.errorOf(error))));
    }
}
