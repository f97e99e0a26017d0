package org.pushplatform.chat.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * The seed's group events, in its shapes and spellings (PascalCase keys in {@code group member added}, {@code groupid}
 * and {@code operator} in the speak events, {@code gid} or {@code id} as each event has it), and their fan-out to the
 * devices of members connected now.
 */
public final class GroupEvents {

    public static final String NEW_GROUP_MESSAGE = "new group message";
    public static final String NEW_GROUP = "new group";
    public static final String MEMBER_ADDED = "group member added";
    public static final String RENAMED = "group renamed";
    public static final String REMOVED_FROM_GROUP = "removed from group";
    public static final String MEMBER_REMOVED = "group member removed";
    public static final String ADMIN_ADDED = "group admin added";
    public static final String ADMIN_REMOVED = "group admin removed";
    public static final String NOTICE = "set group notice";
    public static final String BAN_SPEAK = "ban speak";
    public static final String PERMIT_SPEAK = "permit speak";
    public static final String SHAKE = "group shake";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GroupEvents() {
    }

    /** One event to every device of each of these accounts connected now. */
    public static List<DeliveryRecord> toAccounts(String app, Collection<String> accountIds, String event, JsonNode data) {
        List<DeliveryRecord> records = new ArrayList<>(accountIds.size());
        accountIds.forEach(id -> records.add(ChatReplies.toAccount(app, id, event, data)));
        return records;
    }

    /** {@code new group}: to an account added to the group. */
    public static ObjectNode newGroup(GroupStore.Group group, List<GroupStore.Member> members, boolean isPush) {
        ObjectNode event = JSON.objectNode().put("id", group.id()).put("name", group.name()).put("logo", group.avatar())
            .put("uCount", members.size());
        ArrayNode admins = event.putArray("admins");
        members.stream().filter(GroupStore.Member::admin).forEach(m -> admins.add(m.accountId()));
        return event.put("isPost", group.isPost()).put("cuser", group.creator()).put("isPush", isPush);
    }

    /** {@code group member added}: to the members, the added ones' names and avatars in PascalCase. */
    public static ObjectNode memberAdded(GroupStore.Group group, List<GroupStore.Member> added) {
        ObjectNode event = JSON.objectNode().put("id", group.id()).put("name", group.name());
        ArrayNode users = event.putArray("users");
        added.forEach(m -> users.addObject().put("AccountID", m.accountId()).put("Email", "").put("Fullname", m.name())
            .put("Avatar", m.avatar()));
        return event;
    }

    public static ObjectNode renamed(String oldName, GroupStore.Group group, AccountStore.Account by) {
        ObjectNode event = JSON.objectNode().put("oldName", oldName).put("name", group.name()).put("gid", group.id());
        event.putObject("user").put("id", by.id()).put("logo", by.avatar());
        return event;
    }

    /** {@code removed from group}: to the removed account. */
    public static ObjectNode removedFromGroup(GroupStore.Group group) {
        return JSON.objectNode().put("id", group.id()).put("name", group.name());
    }

    /** {@code group member removed}: to the members who stay. */
    public static ObjectNode memberRemoved(GroupStore.Group group, String removed) {
        return JSON.objectNode().put("id", group.id()).put("name", group.name()).put("aid", removed);
    }

    public static ObjectNode adminAdded(GroupStore.Group group, String added) {
        return JSON.objectNode().put("addAid", added).put("gid", group.id());
    }

    public static ObjectNode adminRemoved(GroupStore.Group group, String removed, AccountStore.Account by) {
        return JSON.objectNode().put("removedAid", removed).put("aid", by.id()).put("gid", group.id());
    }

    /** {@code set group notice}: to the member's own devices. */
    public static ObjectNode notice(GroupStore.Group group, String accountId, boolean isPush) {
        return JSON.objectNode().put("gid", group.id()).put("aid", accountId).put("isPush", isPush);
    }

    /** {@code ban speak} and {@code permit speak}. */
    public static ObjectNode speak(GroupStore.Group group, AccountStore.Account by) {
        ObjectNode event = JSON.objectNode().put("groupid", group.id());
        event.putObject("operator").put("accountId", by.id()).put("fullName", by.name()).put("avatar", by.avatar());
        return event;
    }

    /** {@code group shake}: to the members mentioned. */
    public static ObjectNode shake(GroupStore.Group group, String from) {
        return JSON.objectNode().put("from", from).put("gid", group.id());
    }
}
