package org.pushplatform.chat.admin;

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

/** A 1:1 conversation's history by sequence number, a page at a time: what a client that names no device can catch up from. */
@Path("/admin/apps/{app}/accounts/{id}/conversations/{peer}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    private final HistoryPages pages;

    public HistoryResource(HistoryPages pages) {
        this.pages = pages;
    }

    @GET
    @Operation(summary = "The 1:1 conversation of two accounts, the messages after ?after=<seq> (0: from the start), at most ?limit= (500)")
    public Uni<Response> page(@PathParam("app") String app, @PathParam("id") String id, @PathParam("peer") String peer,
                              @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
        return pages.page(app, Conversations.direct(id, peer), after, limit);
    }
}
