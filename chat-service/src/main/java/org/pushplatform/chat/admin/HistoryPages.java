package org.pushplatform.chat.admin;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.pushplatform.chat.conversations.MessageStore;

/** A page of a conversation's history by sequence number, as the admin API answers it. */
@ApplicationScoped
public class HistoryPages {

    private static final int MAX_PAGE = 500;

    private final MessageStore messages;

    public HistoryPages(MessageStore messages) {
        this.messages = messages;
    }

    /** The messages after {@code after}, at most {@code limit}; 400 for a page that cannot be. */
    public Uni<Response> page(String app, String conversationId, long after, int limit) {
        if (after < 0 || limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST,
                "after must be 0 or more and limit 1 to " + MAX_PAGE));
        }
        return messages.history(app, conversationId, after, limit).map(page -> Response.ok(body(page, after)).build());
    }

    /** {@code {messages: [{seq, id, from, type, msg, card?, refer?, sysType?, time}], next}}: ask again with {@code after=next}. */
    private static ObjectNode body(List<MessageStore.HistoryEntry> page, long after) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("messages");
        for (MessageStore.HistoryEntry m : page) {
            ObjectNode item = items.addObject().put("seq", m.seq()).put("id", m.id()).put("from", m.sender()).put("type", m.type());
            item.setAll((ObjectNode) m.body());
            item.put("time", m.time().toInstant().toString());
        }
        body.put("next", page.isEmpty() ? after : page.get(page.size() - 1).seq());
        return body;
    }
}
