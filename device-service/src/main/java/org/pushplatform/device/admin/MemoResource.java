package org.pushplatform.device.admin;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.device.rooms.RoomRules;
import org.pushplatform.device.messaging.ClientEvents;
import org.pushplatform.device.messaging.CoreCommands;
import org.pushplatform.service.AdminErrors;

/**
 * Memos of a student over REST, to the student's two memo rooms (the class board's and the mini-app's): a new memo
 * is {@code memos_update {memo_id}}, memos read are {@code memos_read {memo_ids}}. Room events are not acked.
 */
@Path("/admin/apps/{app}/students/{studentId}/memos")
@Produces(MediaType.APPLICATION_JSON)
public class MemoResource {

    private final CoreCommands core;

    public MemoResource(CoreCommands core) {
        this.core = core;
    }

    /** Body {@code {memo_id}}. */
    @POST
    public Uni<Response> updated(@PathParam("app") String app, @PathParam("studentId") long studentId, JsonNode body) {
        if (body == null || !body.path("memo_id").isIntegralNumber()) {
            return Uni.createFrom().item(AdminErrors.badRequest("memo_id must be a number"));
        }
        return toRooms(app, studentId, "memos_update", body);
    }

    /** Body {@code {memo_ids: [...]}}. */
    @POST
    @Path("/read")
    public Uni<Response> read(@PathParam("app") String app, @PathParam("studentId") long studentId, JsonNode body) {
        if (body == null || !body.path("memo_ids").isArray()) {
            return Uni.createFrom().item(AdminErrors.badRequest("memo_ids must be an array"));
        }
        return toRooms(app, studentId, "memos_read", body);
    }

    private Uni<Response> toRooms(String app, long studentId, String event, JsonNode body) {
        return core.send(Arrays.stream(RoomRules.memoRoomsOf(studentId)).map(room -> ClientEvents.toRoom(app, room, event, body)).toList())
            .map(sent -> Response.accepted().build());
    }
}
