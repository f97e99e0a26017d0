package org.pushplatform.chat.admin;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.sync.DevicePositions;

/** Where each device of an account stands: what it was delivered in each conversation (what it catches up from). */
@Path("/admin/apps/{app}/accounts/{id}/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    private final DevicePositions positions;

    public DeviceResource(DevicePositions positions) {
        this.positions = positions;
    }

    /** The account's devices with their open connections, and what each was delivered. */
    public record Devices(List<DevicePositions.Device> devices, List<DevicePositions.Position> positions) {
    }

    @GET
    @Operation(summary = "The account's devices ('' for those that name none), their open connections, and the seq each was delivered"
        + " up to, per peer or group")
    public Uni<Devices> devices(@PathParam("app") String app, @PathParam("id") String id) {
        return positions.devices(app, id).flatMap(devices -> positions.of(app, id).map(of -> new Devices(devices, of)));
    }
}
