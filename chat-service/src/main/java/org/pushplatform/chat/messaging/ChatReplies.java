package org.pushplatform.chat.messaging;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.IdentityKinds;

/**
 * The chat API's answers and events as delivery commands. The seed's result convention: most events answer their ack
 * callback with {@code (false, result)} or {@code ({error})}; {@code send message} and {@code send group message}
 * answer in the first argument alone ({@code {id}} or {@code {error}}).
 */
public final class ChatReplies {

    private ChatReplies() {
    }

    /** {@code (false, result)} to the frame's ack callback. */
    public static Deliver result(ChatFrame frame, JsonNode result) {
        return answer(frame, List.of(BooleanNode.FALSE, result));
    }

    /** {@code ({error})} to the frame's ack callback. */
    public static Deliver error(ChatFrame frame, String error) {
        return answer(frame, List.of(errorOf(error)));
    }

    /** One argument to the frame's ack callback. */
    public static Deliver answer(ChatFrame frame, JsonNode first) {
        return answer(frame, List.of(first));
    }

    public static JsonNode errorOf(String error) {
        return JsonNodeFactory.instance.objectNode().put("error", error);
    }

    private static Deliver answer(ChatFrame frame, List<JsonNode> args) {
        return new Deliver(frame.connection(), ChatApi.API, "ack", args, 0, null, null, null, null, frame.envelope().messageId());
    }

    /** An event to one connection now (QoS 0). */
    public static Deliver toConnection(Address.Connection connection, String event, JsonNode data) {
        return new Deliver(connection, ChatApi.API, event, List.of(data), 0, null, null, null, null);
    }

    /** An event to every device of an account connected now. */
    public static Deliver toAccount(String app, String accountId, String event, JsonNode data) {
        return new Deliver(account(app, accountId), ChatApi.API, event, List.of(data), 0, null, null, null, null);
    }

    /** An event to the account's devices connected now but the one that sent the frame (what it did, synced to its others). */
    public static Deliver toOtherDevices(ChatFrame frame, String accountId, String event, JsonNode data) {
        return new Deliver(account(frame.app(), accountId), ChatApi.API, event, List.of(data), 0, null, null, null, null, null,
            frame.connectionId());
    }

    public static Address.Identity account(String app, String accountId) {
        return new Address.Identity(app, IdentityKinds.CHAT_ACCOUNT, accountId);
    }
}
