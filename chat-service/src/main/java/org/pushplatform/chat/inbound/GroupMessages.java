package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.chat.conversations.ChatList;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.groups.GroupEvents;
import org.pushplatform.chat.groups.GroupPosts;
import org.pushplatform.chat.groups.GroupStore;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.service.TransientFailures;

/**
 * {@code send group message}: from members only ({@code not in group}; {@code removeit} to one removed), from admins
 * only while the group is banned from speaking; stored once and delivered to every member's devices. And
 * {@code group shake}: an @-mention of members by a message of the group, unread for them until they read past it.
 */
@ApplicationScoped
public class GroupMessages {

    private static final Logger LOG = Logger.getLogger(GroupMessages.class);
    static final String NOT_IN_GROUP = "not in group";
    static final String GROUP_NOT_FOUND = "group not found";
    /** The seed's group error: "database err", not the 1:1 "database error". */
    static final String DATABASE_ERR = "database err";
    static final String REMOVE_IT = "removeit";
    static final String BANNED = "only the group's admins may speak now (ban speak)";
    private static final int MAX_MENTIONED = 500;
    /** How many group messages of a poll are checked side by side. */
    private static final int CHECKS_AT_ONCE = 8;

    private final AccountStore accounts;
    private final GroupStore groups;
    private final GroupPosts posts;
    private final Quotes quotes;
    private final int maxMessageChars;

    public GroupMessages(AccountStore accounts, GroupStore groups, GroupPosts posts, Quotes quotes, ChatConfig config) {
        this.accounts = accounts;
        this.groups = groups;
        this.posts = posts;
        this.quotes = quotes;
        this.maxMessageChars = config.chat().maxMessageChars();
    }

    /**
     * The poll's group messages: each checked (its checks side by side with the others'), those allowed stored in one
     * transaction. @return each frame's answer, and the chat-list events of those stored, in the frames' order
     */
    public Uni<List<DeliveryRecord>> sendAll(List<AuthenticatedFrame> frames) {
        return Multi.createFrom().iterable(frames)
            .onItem().transformToUni(this::check).merge(CHECKS_AT_ONCE)
            .collect().asList()
            .flatMap(checked -> {
                // merge() completes in any order: back to the frames' order
                Map<AuthenticatedFrame, Checked> byFrame = new IdentityHashMap<>();
                checked.forEach(c -> byFrame.put(c.frame(), c));
                List<Checked> inOrder = frames.stream().map(byFrame::get).toList();
                List<Checked> allowed = inOrder.stream().filter(c -> c.post() != null).toList();
                return posts.postAll(allowed.stream().map(Checked::post).toList()).map(posted -> {
                    Map<Checked, List<DeliveryRecord>> stored = new IdentityHashMap<>();
                    for (int i = 0; i < allowed.size(); i++) {
                        stored.put(allowed.get(i), answered(allowed.get(i), posted.get(i)));
                    }
                    List<DeliveryRecord> records = new ArrayList<>();
                    inOrder.forEach(c -> records.addAll(c.post() == null ? c.refused() : stored.get(c)));
                    return records;
                });
            });
    }

    /** A group message checked: the post to make, or the answer that refuses it. */
    private record Checked(AuthenticatedFrame frame, GroupPosts.Post post, List<DeliveryRecord> refused) {
        static Checked refuse(AuthenticatedFrame frame, String error) {
            return new Checked(frame, null, List.of(ChatReplies.answer(frame.frame(), ChatReplies.errorOf(error))));
        }
    }

    private Uni<Checked> check(AuthenticatedFrame sent) {
        ChatFrame frame = sent.frame();
        ConnectionStore.Authenticated from = sent.by();
        JsonNode payload = frame.payload() == null ? JsonNodeFactory.instance.objectNode() : frame.payload();
        String problem = MessagePayloads.problemOf(payload, "togroup", maxMessageChars);
        if (problem != null) {
            return Uni.createFrom().item(Checked.refuse(sent, problem));
        }
        String groupId = payload.path("togroup").asText();
        return accounts.find(from.app(), from.accountId()).flatMap(sender -> sender == null
            ? Uni.createFrom().item(Checked.refuse(sent, DirectMessages.FROM_USER_NOT_FOUND))
            : groups.find(from.app(), groupId).flatMap(group -> group == null ? Uni.createFrom().item(Checked.refuse(sent, GROUP_NOT_FOUND))
                : groups.standing(from.app(), groupId, sender.id()).flatMap(standing -> {
                    String refused = refusal(group, standing);
                    return refused != null ? Uni.createFrom().item(Checked.refuse(sent, refused))
                        : quotes.of(sender, payload).map(quote -> !quote.allowed() ? Checked.refuse(sent, Quotes.NOT_QUOTABLE)
                            : new Checked(sent, new GroupPosts.Post(group, sender, MessagePayloads.clientMsgId(payload),
                                payload.path("type").asInt(1), MessagePayloads.bodyOf(payload, quote.refer()), frame.connectionId(),
                                from.device()), null));
                })))
            .onFailure(failure -> !TransientFailures.isTransient(failure)).recoverWithItem(failure -> {
                LOG.warnf("[%s] a group message could not be checked: %s", frame.connectionId(), failure.toString());
                return Checked.refuse(sent, DATABASE_ERR);
            });
    }

    private static String refusal(GroupStore.Group group, GroupStore.Standing standing) {
        return switch (standing) {
            case NONE -> NOT_IN_GROUP;
            case LEFT -> REMOVE_IT;
            case MEMBER -> group.banned() ? BANNED : null;
            case ADMIN -> null;
        };
    }

    /** Its answer {@code {id}} (or the seed's {@code database err}); for a message new (not a resend), the chat list's events. */
    private static List<DeliveryRecord> answered(Checked checked, GroupPosts.Posted posted) {
        ChatFrame frame = checked.frame().frame();
        if (posted == null) {
            return List.of(ChatReplies.answer(frame, ChatReplies.errorOf(DATABASE_ERR)));
        }
        List<DeliveryRecord> records = new ArrayList<>();
        records.add(ChatReplies.answer(frame, JsonNodeFactory.instance.objectNode().put("id", posted.stored().id())));
        if (!posted.stored().repeated()) {
            GroupPosts.Post post = checked.post();
            records.addAll(chatList(frame, post.group(), post.sender(), posted, post.body().path("msg").path("con").asText("")));
        }
        return records;
    }

    /**
     * {@code new history} to every connected member's devices (the sending one not); with the group's first message,
     * {@code new session}.
     */
    private static List<DeliveryRecord> chatList(ChatFrame frame, GroupStore.Group group, AccountStore.Account sender,
                                                 GroupPosts.Posted posted, String text) {
        var history = ChatList.history(sender, group.id(), true, text);
        var session = ChatList.session(sender, ChatList.GROUP, text, group.id(), group.name(), group.avatar());
        List<DeliveryRecord> records = new ArrayList<>();
        for (GroupStore.Member member : posted.connected()) {
            boolean self = member.accountId().equals(sender.id());
            records.add(self ? ChatReplies.toOtherDevices(frame, sender.id(), ChatList.NEW_HISTORY, history)
                : ChatReplies.toAccount(group.app(), member.accountId(), ChatList.NEW_HISTORY, history));
            if (posted.stored().seq() == 1) {
                records.add(self ? ChatReplies.toOtherDevices(frame, sender.id(), ChatList.NEW_SESSION, session)
                    : ChatReplies.toAccount(group.app(), member.accountId(), ChatList.NEW_SESSION, session));
            }
        }
        return records;
    }

    /** {@code group shake {toUser: [], gid, messageId}}: answered 1; each member named gets {@code group shake {from, gid}}. */
    public Uni<List<DeliveryRecord>> shake(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode payload = frame.payload();
        String groupId = payload == null ? null : payload.path("gid").asText(null);
        String messageId = payload == null ? null : payload.path("messageId").asText(null);
        List<String> named = payload == null ? List.of() : ids(payload.path("toUser"));
        if (!ChatApi.isId(groupId) || !ChatApi.isId(messageId) || named == null || named.isEmpty()) {
            return Uni.createFrom().item(List.of(ChatReplies.error(frame,
                "group shake needs {toUser: [1 to " + MAX_MENTIONED + " account ids], gid, messageId}")));
        }
        return groups.find(by.app(), groupId).flatMap(group -> group == null ? error(frame, GROUP_NOT_FOUND)
            : groups.standing(by.app(), groupId, by.accountId()).flatMap(standing -> !standing.inGroup() ? error(frame, NOT_IN_GROUP)
                : groups.mention(by.app(), groupId, named, messageId).map(mentioned -> {
                    if (mentioned == null) {
                        return List.of(ChatReplies.error(frame, "messageId names no message of this group"));
                    }
                    List<DeliveryRecord> records = new ArrayList<>();
                    records.add(ChatReplies.result(frame, IntNode.valueOf(1)));
                    records.addAll(GroupEvents.toAccounts(by.app(), mentioned.accountIds(), GroupEvents.SHAKE,
                        GroupEvents.shake(group, by.accountId())));
                    return records;
                })));
    }

    private static Uni<List<DeliveryRecord>> error(ChatFrame frame, String error) {
        return Uni.createFrom().item(List.of(ChatReplies.error(frame, error)));
    }

    /** The account ids of a JSON array; null when it is no array of ids or holds more than we take. */
    private static List<String> ids(JsonNode array) {
        if (!array.isArray() || array.size() > MAX_MENTIONED) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : array) {
            if (!id.isTextual() || !ChatApi.isId(id.asText())) {
                return null;
            }
            ids.add(id.asText());
        }
        return ids.stream().distinct().toList();
    }
}
