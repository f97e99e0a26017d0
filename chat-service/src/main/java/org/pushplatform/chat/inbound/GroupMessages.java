package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    public Uni<List<DeliveryRecord>> send(ChatFrame frame, ConnectionStore.Authenticated from) {
        JsonNode payload = frame.payload() == null ? JsonNodeFactory.instance.objectNode() : frame.payload();
        String problem = MessagePayloads.problemOf(payload, "togroup", maxMessageChars);
        if (problem != null) {
            return DirectMessages.reply(frame, problem);
        }
        String groupId = payload.path("togroup").asText();
        return accounts.find(from.app(), from.accountId()).flatMap(sender -> sender == null ? DirectMessages.reply(frame,
                DirectMessages.FROM_USER_NOT_FOUND)
            : groups.find(from.app(), groupId).flatMap(group -> group == null ? DirectMessages.reply(frame, GROUP_NOT_FOUND)
                : groups.standing(from.app(), groupId, sender.id()).flatMap(standing -> {
                    String refused = refusal(group, standing);
                    return refused != null ? DirectMessages.reply(frame, refused)
                        : quotes.of(sender, payload).flatMap(quote -> !quote.allowed() ? DirectMessages.reply(frame, Quotes.NOT_QUOTABLE)
                            : post(frame, from, group, sender, payload, MessagePayloads.bodyOf(payload, quote.refer())));
                })));
    }

    private static String refusal(GroupStore.Group group, GroupStore.Standing standing) {
        return switch (standing) {
            case NONE -> NOT_IN_GROUP;
            case LEFT -> REMOVE_IT;
            case MEMBER -> group.banned() ? BANNED : null;
            case ADMIN -> null;
        };
    }

    private Uni<List<DeliveryRecord>> post(ChatFrame frame, ConnectionStore.Authenticated from, GroupStore.Group group,
                                           AccountStore.Account sender, JsonNode payload,
                                           com.fasterxml.jackson.databind.node.ObjectNode body) {
        var post = new GroupPosts.Post(group, sender, MessagePayloads.clientMsgId(payload), payload.path("type").asInt(1), body,
            frame.connectionId(), from.device());
        return posts.post(post).map(posted -> {
            List<DeliveryRecord> records = new ArrayList<>();
            records.add(ChatReplies.answer(frame, JsonNodeFactory.instance.objectNode().put("id", posted.stored().id())));
            if (!posted.stored().repeated()) {
                records.addAll(chatList(frame, group, sender, posted, body.path("msg").path("con").asText("")));
            }
            return records;
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("[%s] a group message could not be stored: %s", frame.connectionId(), failure.toString());
            return List.of(ChatReplies.answer(frame, ChatReplies.errorOf(DATABASE_ERR)));
        });
    }

    /** {@code new history} to every member's devices (the sending one not); with the group's first message, {@code new session}. */
    private static List<DeliveryRecord> chatList(ChatFrame frame, GroupStore.Group group, AccountStore.Account sender,
                                                 GroupPosts.Posted posted, String text) {
        var history = ChatList.history(sender, group.id(), true, text);
        var session = ChatList.session(sender, ChatList.GROUP, text, group.id(), group.name(), group.avatar());
        List<DeliveryRecord> records = new ArrayList<>();
        for (GroupStore.Member member : posted.members()) {
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
