package org.pushplatform.iot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.iot.notices.NoticeKind;
import org.pushplatform.iot.notices.NoticeShapes;
import org.pushplatform.iot.notices.Notices;
import org.pushplatform.iot.things.ThingRef;
import org.pushplatform.service.AdminErrors;

/**
 * A device change over REST: {@code POST .../devices/{deviceName}/notices/{type}} with {@code {id?, params}} (for
 * {@code thing.topo.add.status}, {@code param} is taken as well), sent to every channel of the device's owners.
 */
@Path("/admin/apps/{app}/products/{productKey}/devices/{deviceName}/notices/{type}")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {

    /** What became of it: the id it went under and how many channels it went to. */
    public record Sent(String id, int channels) {
    }

    private final Notices notices;

    public NoticeResource(Notices notices) {
        this.notices = notices;
    }

    @POST
    public Uni<Response> send(@PathParam("app") String app, @PathParam("productKey") String productKey,
                              @PathParam("deviceName") String deviceName, @PathParam("type") String type, JsonNode body) {
        var kind = NoticeKind.ofType(type);
        if (kind.isEmpty()) {
            return ProductResource.bad("type must be one of thing.properties, thing.events, thing.status, thing.topo.add.status,"
                + " ota.device.forward");
        }
        if (body == null || !body.isObject()) {
            return ProductResource.bad("the body must be {id?, params}");
        }
        JsonNode id = body.get("id");
        JsonNode params = body.has("params") ? body.get("params") : body.get("param");
        return notices.send(kind.get(), new ThingRef(app, productKey, deviceName), id == null ? null : id.asText(), params)
            .map(sent -> sent.deviceFound() ? Response.accepted(new Sent(sent.id(), sent.channels())).build()
                : AdminErrors.notFound("device " + productKey + "/" + deviceName))
            .onFailure(NoticeShapes.InvalidNotice.class).recoverWithItem(e -> AdminErrors.badRequest(e.getMessage()));
    }
}
