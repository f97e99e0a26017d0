package org.pushplatform.chat.admin;

import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.inbox.Notification;
import org.pushplatform.chat.inbox.Notifications;

/** An inbox notification for an account, over REST (the same as a CloudEvent on {@code push.in.chat-notifications}). */
@Path("/admin/apps/{app}/accounts/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationResource {

    /** {@code id} names the notification: sent again with it, it counts once. */
    public record NotificationBody(String id, String category, String type, String text) {
    }

    private final Notifications notifications;

    public NotificationResource(Notifications notifications) {
        this.notifications = notifications;
    }

    @POST
    @Operation(summary = "Counts a notification in the account's inbox (201; 200 when its id came before) and tells its devices `new notify`")
    public Uni<Response> notify(@PathParam("app") String app, @PathParam("id") String accountId, NotificationBody body) {
        Notification.Checked checked = body == null ? Notification.Checked.refused("a body {id, category, type, text} is required")
            : Notification.of(app, accountId, body.id(), body.category(), body.type(), body.text());
        if (checked.notification() == null) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, checked.problem()));
        }
        return notifications.accept(checked.notification())
            .map(fresh -> Response.status(fresh ? 201 : 200).entity(Map.of("counted", fresh)).build());
    }
}
