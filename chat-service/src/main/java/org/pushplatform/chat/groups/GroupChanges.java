package org.pushplatform.chat.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.messaging.CoreCommands;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * What an admin change to a group tells whom, in the seed's events: the accounts it concerns, the members, and for
 * members added, removed or a rename a system message in the group ({@code new group message} with its
 * {@code sysType}), stored like any other. Each change is made first, then announced.
 */
@ApplicationScoped
public class GroupChanges {

    /** The seed's {@code sysType}s: 1 members added, 2 a member removed, 3 the group renamed. */
    static final int ADDED = 1;
    static final int REMOVED = 2;
    static final int RENAMED = 3;

    private final GroupStore groups;
    private final GroupPosts posts;
    private final CoreCommands core;

    public GroupChanges(GroupStore groups, GroupPosts posts, CoreCommands core) {
        this.groups = groups;
        this.posts = posts;
        this.core = core;
    }

    /** A new group: {@code new group} to each member. */
    public Uni<Void> created(GroupStore.Group group) {
        return groups.members(group.app(), group.id()).flatMap(members -> send(
            GroupEvents.toAccounts(group.app(), ids(members), GroupEvents.NEW_GROUP, GroupEvents.newGroup(group, members, true))));
    }

    /** Members added: {@code new group} to them, {@code group member added} to those there before, and a system message. */
    public Uni<Void> added(GroupStore.Group group, AccountStore.Account by, List<String> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> newcomers = Set.copyOf(added);
        return groups.members(group.app(), group.id()).flatMap(members -> {
            List<GroupStore.Member> joined = members.stream().filter(m -> newcomers.contains(m.accountId())).toList();
            List<String> before = ids(members).stream().filter(id -> !newcomers.contains(id)).toList();
            List<DeliveryRecord> records = new ArrayList<>(GroupEvents.toAccounts(group.app(), added, GroupEvents.NEW_GROUP,
                GroupEvents.newGroup(group, members, true)));
            records.addAll(GroupEvents.toAccounts(group.app(), before, GroupEvents.MEMBER_ADDED, GroupEvents.memberAdded(group, joined)));
            String names = joined.stream().map(m -> m.name().isEmpty() ? m.accountId() : m.name()).collect(Collectors.joining(", "));
            return send(records).call(() -> system(group, by, nameOf(by) + " added " + names, ADDED));
        });
    }

    /** A member removed: {@code removed from group} to it, {@code group member removed} to those who stay, a system message. */
    public Uni<Void> removed(GroupStore.Group group, AccountStore.Account by, String removed) {
        return groups.members(group.app(), group.id()).flatMap(members -> {
            List<DeliveryRecord> records = new ArrayList<>(GroupEvents.toAccounts(group.app(), List.of(removed),
                GroupEvents.REMOVED_FROM_GROUP, GroupEvents.removedFromGroup(group)));
            records.addAll(GroupEvents.toAccounts(group.app(), ids(members), GroupEvents.MEMBER_REMOVED,
                GroupEvents.memberRemoved(group, removed)));
            return send(records).call(() -> system(group, by, nameOf(by) + " removed " + removed, REMOVED));
        });
    }

    public Uni<Void> renamed(GroupStore.Group renamed, String oldName, AccountStore.Account by) {
        return toMembers(renamed, GroupEvents.RENAMED, GroupEvents.renamed(oldName, renamed, by))
            .call(() -> system(renamed, by, nameOf(by) + " renamed the group to " + renamed.name(), RENAMED));
    }

    public Uni<Void> adminChanged(GroupStore.Group group, AccountStore.Account by, String accountId, boolean admin) {
        return toMembers(group, admin ? GroupEvents.ADMIN_ADDED : GroupEvents.ADMIN_REMOVED,
            admin ? GroupEvents.adminAdded(group, accountId) : GroupEvents.adminRemoved(group, accountId, by));
    }

    /** {@code set group notice}: to the member's own devices only. */
    public Uni<Void> noticeSet(GroupStore.Group group, String accountId, boolean isPush) {
        return send(GroupEvents.toAccounts(group.app(), List.of(accountId), GroupEvents.NOTICE, GroupEvents.notice(group, accountId, isPush)));
    }

    public Uni<Void> speakChanged(GroupStore.Group group, AccountStore.Account by, boolean banned) {
        return toMembers(group, banned ? GroupEvents.BAN_SPEAK : GroupEvents.PERMIT_SPEAK, GroupEvents.speak(group, by));
    }

    private Uni<Void> toMembers(GroupStore.Group group, String event, com.fasterxml.jackson.databind.JsonNode data) {
        return groups.members(group.app(), group.id()).flatMap(members -> send(GroupEvents.toAccounts(group.app(), ids(members), event, data)));
    }

    private Uni<Void> system(GroupStore.Group group, AccountStore.Account by, String text, int sysType) {
        var post = new GroupPosts.Post(group, by, null, 1, MessagePayloads.systemBodyOf(text, sysType), null, null);
        return posts.post(post).replaceWithVoid();
    }

    private Uni<Void> send(List<DeliveryRecord> records) {
        return records.isEmpty() ? Uni.createFrom().voidItem() : core.send(records);
    }

    private static List<String> ids(List<GroupStore.Member> members) {
        return members.stream().map(GroupStore.Member::accountId).toList();
    }

    private static String nameOf(AccountStore.Account account) {
        return account.name().isEmpty() ? account.id() : account.name();
    }
}
