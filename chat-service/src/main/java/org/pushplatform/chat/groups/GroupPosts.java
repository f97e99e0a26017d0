package org.pushplatform.chat.groups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.messaging.ChatEvents;
import org.pushplatform.chat.messaging.ChatNudges;

/**
 * A message posted to a group, by a member or by a change an admin made (with its {@code sysType}): stored once in
 * the group's conversation whatever the group's size, and each connected member's owner told of it, which sends it as
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
    private final ConnectionStore connections;

    public GroupPosts(MessageStore messages, GroupStore groups, ChatEvents events, ChatNudges nudges, ConnectionStore connections) {
        this.connections = connections;
        this.messages = messages;
        this.groups = groups;
        this.events = events;
        this.nudges = nudges;
    }

    /** A post as stored, and the group's members connected now (those it is sent to at once). */
    public record Posted(MessageStore.Stored stored, List<GroupStore.Member> connected) {
    }

    /** Stores the post and tells each connected member's owner of it; completes with the message as stored. */
    public Uni<Posted> post(Post post) {
        return postAll(List.of(post)).map(posted -> {
            if (posted.get(0) == null) {
                throw new IllegalStateException("the post to " + post.group().id() + " could not be stored");
            }
            return posted.get(0);
        });
    }

    /**
     * Stores the posts in one transaction (each group's in the order given) and tells each connected member's owner of
     * them; completes with each as stored, in the order given, null for one that could not be stored.
     */
    public Uni<List<Posted>> postAll(List<Post> posts) {
        List<MessageStore.NewMessage> messages = posts.stream().map(post -> new MessageStore.NewMessage(post.group().app(),
            Conversations.group(post.group().id()), post.sender().id(), null, post.clientMsgId(), post.type(), post.body(),
            post.originConnection(), post.originDevice())).toList();
        return messages.isEmpty() ? Uni.createFrom().item(List.of()) : this.messages.storeAllOrEach(messages)
            .flatMap(stored -> connectedMembers(posts).flatMap(connected -> {
                List<Posted> posted = new ArrayList<>();
                Set<ChatNudges.News> news = new LinkedHashSet<>();
                for (int i = 0; i < posts.size(); i++) {
                    Post post = posts.get(i);
                    MessageStore.Stored one = stored.get(i);
                    GroupStore.Group group = post.group();
                    List<GroupStore.Member> members = connected.get(group.app() + '/' + group.id());
                    posted.add(one == null ? null : new Posted(one, members));
                    if (one == null) {
                        continue;
                    }
                    if (!one.repeated()) {
                        events.messageStored(new ChatEvents.MessageStored(group.app(), messages.get(i).conversationId(), one.seq(), one.id(),
                            post.sender().id(), group.id(), post.type(), post.body()));
                    }
                    // news again for a resend: the first try may have stopped before its news went out; a device gets nothing twice
                    String conversation = messages.get(i).conversationId();
                    members.forEach(m -> news.add(new ChatNudges.News(group.app(), m.accountId(), conversation)));
                }
                return nudges.send(List.copyOf(news)).replaceWith(posted);
            }));
    }

    /**
     * Each group's members with a connection open, looked up after the posts were stored: one connecting meanwhile
     * catches up after it was recorded, so it finds them (as {@link ChatNudges#sendToConnected} says).
     */
    private Uni<Map<String, List<GroupStore.Member>>> connectedMembers(List<Post> posts) {
        Map<String, GroupStore.Group> distinct = new LinkedHashMap<>();
        posts.forEach(post -> distinct.putIfAbsent(post.group().app() + '/' + post.group().id(), post.group()));
        return Multi.createFrom().iterable(distinct.values())
            .onItem().transformToUniAndConcatenate(group -> groups.members(group.app(), group.id()))
            .collect().asList()
            .flatMap(memberLists -> {
                Set<ConnectionStore.AccountRef> everyone = new HashSet<>();
                List<GroupStore.Group> order = List.copyOf(distinct.values());
                for (int g = 0; g < order.size(); g++) {
                    String app = order.get(g).app();
                    memberLists.get(g).forEach(m -> everyone.add(new ConnectionStore.AccountRef(app, m.accountId())));
                }
                return connections.connected(everyone).map(connected -> {
                    Map<String, List<GroupStore.Member>> byGroup = new HashMap<>();
                    for (int g = 0; g < order.size(); g++) {
                        GroupStore.Group group = order.get(g);
                        byGroup.put(group.app() + '/' + group.id(), memberLists.get(g).stream()
                            .filter(m -> connected.contains(new ConnectionStore.AccountRef(group.app(), m.accountId()))).toList());
                    }
                    return byGroup;
                });
            });
    }
}
