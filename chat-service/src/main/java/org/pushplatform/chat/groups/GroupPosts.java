package org.pushplatform.chat.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatEvents;
import org.pushplatform.chat.messaging.ChatNudges;

/**
 * A message posted to a group, by a member or by a change an admin made (with its {@code sysType}): stored once in
 * the group's conversation whatever the group's size, and each member's owner told of it, which sends it as
 * {@code new group message} to the member's devices (the sending connection excepted), each with its own
 * {@code isPush}.
 */
@ApplicationScoped
public class GroupPosts {

    /** What to post: {@code originConnection} and {@code originDevice} sent it; null when an admin call made it. */
    public record Post(GroupStore.Group group, AccountStore.Account sender, String clientMsgId, int type, ObjectNode body,
                       String originConnection, String originDevice) {
    }

    private final MessageStore messages;
    private final GroupStore groups;
    private final ChatEvents events;
    private final ChatNudges nudges;

    public GroupPosts(MessageStore messages, GroupStore groups, ChatEvents events, ChatNudges nudges) {
        this.messages = messages;
        this.groups = groups;
        this.events = events;
        this.nudges = nudges;
    }

    /** A post as stored, and the group's members it went to. */
    public record Posted(MessageStore.Stored stored, List<GroupStore.Member> members) {
    }

    /** Stores the post and tells each member's owner of it; completes with the message as stored. */
    public Uni<Posted> post(Post post) {
        GroupStore.Group group = post.group();
        String conversation = Conversations.group(group.id());
        var message = new MessageStore.NewMessage(group.app(), conversation, post.sender().id(), null, post.clientMsgId(), post.type(),
            post.body(), post.originConnection(), post.originDevice());
        // news again for a resend: the first try may have stopped before its news went out; a device gets nothing twice
        return messages.store(message).flatMap(stored -> groups.members(group.app(), group.id()).flatMap(members -> {
            if (!stored.repeated()) {
                events.messageStored(new ChatEvents.MessageStored(group.app(), conversation, stored.seq(), stored.id(), post.sender().id(),
                    group.id(), post.type(), post.body()));
            }
            return nudges.send(members.stream().map(m -> new ChatNudges.News(group.app(), m.accountId(), conversation)).toList())
                .replaceWith(new Posted(stored, members));
        }));
    }
}
