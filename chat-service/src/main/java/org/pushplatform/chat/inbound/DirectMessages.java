package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.chat.conversations.ChatList;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatEvents;
import org.pushplatform.chat.messaging.ChatNudges;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.service.Retries;

/**
 * {@code send message}: 1:1 between contacts only. The message is stored once (with the next seq of the pair's
 * conversation, the sender's read position moved with it), answered {@code {id}}, and both accounts' owners are told
 * of it: every device of the receiver gets it as {@code new message} (now, or when it connects), and so do the
 * sender's other devices, the sending connection not. A poll's messages are checked in one statement and stored in
 * one transaction; each is answered on its own.
 */
@ApplicationScoped
public class DirectMessages {

    static final String NOT_MY_CONTACT = "not my contract";
    static final String DATABASE_ERROR = "database error";
    static final String FROM_USER_NOT_FOUND = "from user not found";
    /** How many quoting messages of a poll look their quoted message up side by side. */
    private static final int QUOTES_AT_ONCE = 8;

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

    /** One {@code send message} on its way: its frame, then what the checks found, then what it stores. */
    private static final class Sending {
        final AuthenticatedFrame sent;
        final JsonNode payload;
        String to;
        AccountStore.DirectCheck check;
        ObjectNode refer;
        MessageStore.NewMessage message;
        final List<DeliveryRecord> records = new ArrayList<>();

        Sending(AuthenticatedFrame sent) {
            this.sent = sent;
            this.payload = sent.frame().payload() == null ? JsonNodeFactory.instance.objectNode() : sent.frame().payload();
        }

        void refuse(String error) {
            records.add(ChatReplies.answer(sent.frame(), ChatReplies.errorOf(error)));
        }

        boolean refused() {
            return !records.isEmpty();
        }
    }

    /** @return each frame's answer, and the chat-list events of those stored, in the frames' order */
    public Uni<List<DeliveryRecord>> sendAll(List<AuthenticatedFrame> frames) {
        List<Sending> all = frames.stream().map(Sending::new).toList();
        List<Sending> valid = new ArrayList<>();
        for (Sending s : all) {
            String problem = MessagePayloads.problemOf(s.payload, "touser", maxMessageChars);
            if (problem != null) {
                s.refuse(problem);
            } else {
                s.to = s.payload.path("touser").asText();
                valid.add(s);
            }
        }
        return check(valid).flatMap(this::quotes).flatMap(this::store).map(stored -> {
            List<DeliveryRecord> records = new ArrayList<>();
            all.forEach(s -> records.addAll(s.records));
            return records;
        });
    }

    /** Sender, receiver and contact, for all in one statement: those that may send. */
    private Uni<List<Sending>> check(List<Sending> valid) {
        if (valid.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Retries.whileTransient(() -> accounts.directChecks(valid.stream().map(s -> s.sent.by().app()).toList(),
                valid.stream().map(s -> s.sent.by().accountId()).toList(), valid.stream().map(s -> s.to).toList()), "1:1 checks")
            .map(checks -> {
                List<Sending> allowed = new ArrayList<>();
                for (int i = 0; i < valid.size(); i++) {
                    Sending s = valid.get(i);
                    s.check = checks.get(i);
                    if (s.check.sender() == null) {
                        s.refuse(FROM_USER_NOT_FOUND);
                    } else if (!s.check.contacts()) {
                        s.refuse(NOT_MY_CONTACT);
                    } else {
                        allowed.add(s);
                    }
                }
                return allowed;
            });
    }

    /** The quoted message of those that quote one, expanded; those that quote what is not theirs to see refused. */
    private Uni<List<Sending>> quotes(List<Sending> allowed) {
        return Multi.createFrom().iterable(allowed)
            .onItem().transformToUni(s -> quotes.of(s.check.sender(), s.payload).map(quote -> {
                if (!quote.allowed()) {
                    s.refuse(Quotes.NOT_QUOTABLE);
                }
                s.refer = quote.refer();
                return s;
            })).merge(QUOTES_AT_ONCE)
            .collect().asList()
            .map(quoted -> allowed.stream().filter(s -> !s.refused()).toList());
    }

    private Uni<Void> store(List<Sending> sending) {
        if (sending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        for (Sending s : sending) {
            AccountStore.Account sender = s.check.sender();
            s.message = new MessageStore.NewMessage(sender.app(), Conversations.direct(sender.id(), s.to), sender.id(), s.to,
                MessagePayloads.clientMsgId(s.payload), s.payload.path("type").asInt(1), MessagePayloads.bodyOf(s.payload, s.refer),
                s.sent.frame().connectionId(), s.sent.by().device());
        }
        return messages.storeAllOrEach(sending.stream().map(s -> s.message).toList()).flatMap(stored -> {
            List<ChatNudges.News> news = new ArrayList<>();
            for (int i = 0; i < sending.size(); i++) {
                Sending s = sending.get(i);
                MessageStore.Stored one = stored.get(i);
                if (one == null) {
                    s.refuse(DATABASE_ERROR);
                    continue;
                }
                answered(s, one);
                // the receiver's devices, and the sender's others: each account's owner sends what its devices lack (again
                // for a resend: the first try may have stopped before its news went out; a device gets nothing twice)
                news.add(new ChatNudges.News(s.message.app(), s.to, s.message.conversationId()));
                news.add(new ChatNudges.News(s.message.app(), s.message.sender(), s.message.conversationId()));
            }
            return nudges.sendToConnected(news);
        });
    }

    /** Its answer {@code {id}}; for a message new (not a resend), its event and the chat list's. */
    private void answered(Sending s, MessageStore.Stored stored) {
        s.records.add(ChatReplies.answer(s.sent.frame(), JsonNodeFactory.instance.objectNode().put("id", stored.id())));
        if (stored.repeated()) {
            return;
        }
        MessageStore.NewMessage m = s.message;
        events.messageStored(new ChatEvents.MessageStored(m.app(), m.conversationId(), stored.seq(), stored.id(), m.sender(), s.to, m.type(),
            m.body()));
        s.records.addAll(chatList(s, stored, m.body().path("msg").path("con").asText("")));
    }

    /**
     * {@code new history} to the receiver's devices and the sender's others; with a conversation's first message,
     * {@code new session} too, each side seeing the other as the session.
     */
    private static List<DeliveryRecord> chatList(Sending s, MessageStore.Stored stored, String text) {
        AccountStore.Account sender = s.check.sender();
        var history = ChatList.history(sender, s.to, false, text);
        List<DeliveryRecord> records = new ArrayList<>(List.of(ChatReplies.toAccount(sender.app(), s.to, ChatList.NEW_HISTORY, history),
            ChatReplies.toOtherDevices(s.sent.frame(), sender.id(), ChatList.NEW_HISTORY, history)));
        if (stored.seq() == 1) {
            records.add(ChatReplies.toAccount(sender.app(), s.to, ChatList.NEW_SESSION,
                ChatList.session(sender, ChatList.PERSON, text, sender.id(), sender.name(), sender.avatar())));
            AccountStore.Account receiver = s.check.receiver();
            if (receiver != null) {
                records.add(ChatReplies.toOtherDevices(s.sent.frame(), sender.id(), ChatList.NEW_SESSION,
                    ChatList.session(sender, ChatList.PERSON, text, receiver.id(), receiver.name(), receiver.avatar())));
            }
        }
        return records;
    }
}
