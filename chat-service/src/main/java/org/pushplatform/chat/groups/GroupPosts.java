package org.pushplatform.chat.groups;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatEvents;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * A message posted to a group, by a member or by a change an admin made (with its {@code sysType}): stored once in
 * the group's conversation whatever the group's size, and delivered as {@code new group message} to every member's
 * devices, each with its own {@code isPush}; to the sender's other devices, the sending connection excepted.
 */
@ApplicationScoped
public class GroupPosts {

    /** A post as stored, and what delivers it (none when the same client message id was stored before). */
    public record Posted(MessageStore.Stored stored, List<DeliveryRecord> deliveries) {
    }

    /** What to post: {@code exceptConnection} is the sending connection, null when an admin call made it. */
    public record Post(GroupStore.Group group, AccountStore.Account sender, String clientMsgId, int type, ObjectNode body,
                       String exceptConnection) {
    }

    private final MessageStore messages;
    private final GroupStore groups;
    private final ChatEvents events;

    public GroupPosts(MessageStore messages, GroupStore groups, ChatEvents events) {
        this.messages = messages;
        this.groups = groups;
        this.events = events;
    }

    public Uni<Posted> post(Post post) {
        GroupStore.Group group = post.group();
        String conversation = Conversations.group(group.id());
        var message = new MessageStore.NewMessage(group.app(), conversation, post.sender().id(), null, post.clientMsgId(), post.type(),
            post.body());
        return messages.store(message).flatMap(stored -> stored.repeated() ? Uni.createFrom().item(new Posted(stored, List.of()))
            : groups.members(group.app(), group.id()).map(members -> {
                events.messageStored(new ChatEvents.MessageStored(group.app(), conversation, stored.seq(), stored.id(), post.sender().id(),
                    group.id(), post.type(), post.body()));
                return new Posted(stored, deliveries(post, stored, members));
            }));
    }

    private static List<DeliveryRecord> deliveries(Post post, MessageStore.Stored stored, List<GroupStore.Member> members) {
        GroupStore.Group group = post.group();
        var shown = new MessagePayloads.GroupInfo(group.id(), group.name(), group.avatar());
        String app = group.app();
        List<DeliveryRecord> deliveries = new ArrayList<>(members.size());
        for (GroupStore.Member member : members) {
            var event = MessagePayloads.groupDelivered(stored, post.sender(), shown, post.type(), post.body(), member.push());
            boolean sendingDevice = member.accountId().equals(post.sender().id()) && post.exceptConnection() != null;
            deliveries.add(sendingDevice
                ? ChatReplies.toOtherDevices(app, member.accountId(), post.exceptConnection(), GroupEvents.NEW_GROUP_MESSAGE, event)
                : ChatReplies.toAccount(app, member.accountId(), GroupEvents.NEW_GROUP_MESSAGE, event, false, null));
        }
        return deliveries;
    }
}
