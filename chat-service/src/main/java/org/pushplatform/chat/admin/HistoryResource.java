package org.pushplatform.chat.admin;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.conversations.Conversations;
import org.pushplatform.chat.conversations.MessageStore;

/** A conversation's history by sequence number, a page at a time: what a client that names no device can catch up from. */
@Path("/admin/apps/{app}/accounts/{id}/conversations/{peer}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private static final int MAX_PAGE = 500;

    private final MessageStore messages;

    public HistoryResource(MessageStore messages) {
        this.messages = messages;
    }

    @GET
    @Operation(summary = "The 1:1 conversation of two accounts, the messages after ?after=<seq> (0: from the start), at most ?limit= (500)")
    public Uni<Response> page(@PathParam("app") String app, @PathParam("id") String id, @PathParam("peer") String peer,
                              @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (after < 0 || limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST,
                "after must be 0 or more and limit 1 to " + MAX_PAGE));
        }
        return messages.history(app, Conversations.direct(id, peer), after, limit).map(page -> Response.ok(body(page, after)).build());
    }

    /** {@code {messages: [{seq, id, from, type, msg, card?, refer?, time}], next}}: ask again with {@code after=next}. */
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
