package org.pushplatform.chat.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.contract.ChatApi;

/**
 * The shapes of a message: what a client sends ({@code msg} a string, {@code file}, {@code card}, {@code refer}), what
 * is stored ({@code msg: {con, files}}, {@code card}, {@code refer}) and what is delivered (the stored body with the
 * sender's name and logo, the app and the time), as the seed has them.
 */
public final class MessagePayloads {

    /** The seed's message types: 1 text, 2 image, 3 voice, 4 file, 5 card. */
    private static final int FIRST_TYPE = 1;
    private static final int LAST_TYPE = 5;
    private static final int MAX_CLIENT_MSG_ID = 64;
    private static final int MAX_PART_CHARS = 4096;
    private static final String SYS_TYPE = "sysType";

    private MessagePayloads() {
    }

    /** Why the payload cannot be sent, in words the client is shown; null when it can. */
    public static String problemOf(JsonNode payload, String toField, int maxMessageChars) {
        JsonNode to = payload.path(toField);
        if (!to.isTextual() || !ChatApi.isId(to.asText())) {
            return toField + " must be an id of at most " + ChatApi.MAX_ACCOUNT_ID + " characters";
        }
        JsonNode msg = payload.path("msg");
        if (!msg.isMissingNode() && !msg.isNull() && (!msg.isTextual() || msg.asText().length() > maxMessageChars)) {
            return "msg must be a text of at most " + maxMessageChars + " characters";
        }
        JsonNode type = payload.path("type");
        if (!type.isMissingNode() && (!type.canConvertToInt() || type.asInt() < FIRST_TYPE || type.asInt() > LAST_TYPE)) {
            return "type must be 1 (text), 2 (image), 3 (voice), 4 (file) or 5 (card)";
        }
        for (String part : new String[] {"file", "card", "refer"}) {
            JsonNode value = payload.path(part);
            if (!value.isMissingNode() && !value.isNull() && (!value.isObject() || value.toString().length() > MAX_PART_CHARS)) {
                return part + " must be an object of at most " + MAX_PART_CHARS + " characters";
            }
        }
        JsonNode clientMsgId = payload.path("clientMsgId");
        if (!clientMsgId.isMissingNode() && (!clientMsgId.isTextual() || clientMsgId.asText().length() > MAX_CLIENT_MSG_ID)) {
            return "clientMsgId must be a text of at most " + MAX_CLIENT_MSG_ID + " characters";
        }
        return null;
    }

    public static String clientMsgId(JsonNode payload) {
        JsonNode id = payload.path("clientMsgId");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /**
     * What is stored of a sent message: {@code msg: {con, files}}, its card as sent, and its quote expanded as the
     * seed delivers it ({@code refer: {msgid, msg, time, user: {id, name, avatar}}}); null refer for none.
     */
    public static ObjectNode bodyOf(JsonNode payload, ObjectNode refer) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode msg = body.putObject("msg");
        msg.put("con", payload.path("msg").asText(""));
        if (payload.path("file").isObject()) {
            msg.set("files", payload.get("file"));
        }
        if (payload.path("card").isObject()) {
            body.set("card", payload.get("card"));
        }
        if (refer != null) {
            body.set("refer", refer);
        }
        return body;
    }

    /** The seed's delivered quote of a message. */
    public static ObjectNode refer(MessageStore.Quoted quoted) {
        ObjectNode refer = JsonNodeFactory.instance.objectNode();
        refer.put("msgid", quoted.id());
        refer.put("msg", quoted.text());
        refer.put("time", quoted.time().toInstant().toString());
        refer.putObject("user").put("id", quoted.senderId()).put("name", quoted.senderName()).put("avatar", quoted.senderAvatar());
        return refer;
    }

    /** What is stored of a group's system message (a member added or removed, a rename): its text and its sysType. */
    public static ObjectNode systemBodyOf(String text, int sysType) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("msg").put("con", text);
        body.put(SYS_TYPE, sysType);
        return body;
    }

    /**
     * {@code new group message} as a member gets it: a {@code new message} with the group's name and avatar, the
     * message's {@code sysType} (0 for what a member wrote) and whether this member has the group's pushes on.
     */
    public static ObjectNode groupDelivered(MessageStore.Stored stored, AccountStore.Account sender, GroupInfo group, int type,
                                            ObjectNode body, boolean isPush) {
        ObjectNode event = delivered(stored, sender, group.id(), type, body);
        event.put("groupname", group.name());
        event.put("avatar", group.avatar());
        event.put(SYS_TYPE, body.path(SYS_TYPE).asInt(0));
        event.put("isPush", isPush);
        return event;
    }

    /** What a group's message shows of its group. */
    public record GroupInfo(String id, String name, String avatar) {
    }

    /** {@code new message} as the receiver gets it. */
    public static ObjectNode delivered(MessageStore.Stored stored, AccountStore.Account sender, String to, int type, ObjectNode body) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("id", stored.id());
        event.put("from", sender.id());
        event.put("uname", sender.name());
        event.put("logo", sender.avatar());
        event.put("to", to);
        event.put("type", type);
        event.setAll(body);
        ObjectNode app = event.putObject("app");
        app.put("appid", sender.app());
        app.put("name", "");
        app.put("url", "");
        event.put("time", stored.time().toInstant().toString());
        return event;
    }
}
