package org.pushplatform.chat.conversations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.chat.accounts.AccountStore;

/**
 * The seed's chat-list pushes: {@code new history} (a conversation's newest item: who wrote what, to whom) with every
 * message a member wrote, and {@code new session} when a conversation starts (its first message), seen from the
 * account that gets it: the session is the other account, or the group.
 */
public final class ChatList {

    public static final String NEW_HISTORY = "new history";
    public static final String NEW_SESSION = "new session";
    /** The seed's session types: 1 a person, 2 a group. */
    public static final int PERSON = 1;
    public static final int GROUP = 2;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ChatList() {
    }

    /** {@code new history {from: {accountId, fullname, avatar}, to: {aid} or {gid}, message}}. */
    public static ObjectNode history(AccountStore.Account from, String to, boolean group, String text) {
        ObjectNode event = JSON.objectNode();
        event.set("from", person(from));
        event.putObject("to").put(group ? "gid" : "aid", to);
        return event.put("message", text);
    }

    /** {@code new session {from, type, message, id, name, logo}}: the session is {@code id}, shown as {@code name} and {@code logo}. */
    public static ObjectNode session(AccountStore.Account from, int type, String text, String id, String name, String logo) {
        ObjectNode event = JSON.objectNode();
        event.set("from", person(from));
        return event.put("type", type).put("message", text).put("id", id).put("name", name).put("logo", logo);
    }

    private static ObjectNode person(AccountStore.Account account) {
        return JSON.objectNode().put("accountId", account.id()).put("fullname", account.name()).put("avatar", account.avatar());
    }
}
