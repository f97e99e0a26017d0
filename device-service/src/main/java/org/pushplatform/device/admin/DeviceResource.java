package org.pushplatform.device.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.device.devices.DeviceStore;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.device.devices.Device;
import org.pushplatform.device.commands.DeviceCommands;
import org.pushplatform.device.messaging.ClientEvents;
import org.pushplatform.device.messaging.CoreCommands;
import org.pushplatform.service.AdminErrors;

/**
 * Devices of an app over REST: create (the device key is told once), list, read, rename, delete; bind and unbind
 * school and class, set power schedules and switch remote debugging, each of which also queues the seed's event
 * for the device; and send a remote command to the device's debugging room.
 */
@Path("/admin/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    /** Serials are room names and the first part of a signature: no colon, no slash. */
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final int MAX_PAGE = 500;

    public record CreateDevice(String serial, String name) {
    }

    /** What a new device is told once: its key, and the seed's signature made of it. */
    public record CreatedDevice(String app, String serial, String deviceKey, String signature) {
    }

    public record Rename(String name) {
    }

    public record Settings(boolean requireHmac) {
    }

    private final DeviceStore devices;
    private final DeviceCommands commands;
    private final CoreCommands core;

    public DeviceResource(DeviceStore devices, DeviceCommands commands, CoreCommands core) {
        this.devices = devices;
        this.commands = commands;
        this.core = core;
    }

    @POST
    @Path("/devices")
    public Uni<Response> create(@PathParam("app") String app, CreateDevice request) {
        if (request == null || request.serial() == null || !SERIAL.matcher(request.serial()).matches()) {
            return Uni.createFrom().item(AdminErrors.badRequest("serial must be 1-128 letters, digits, '_', '.' or '-'"));
        }
        DeviceRef device = new DeviceRef(app, request.serial());
        return devices.create(device, request.name()).map(key -> key.isEmpty()
            ? AdminErrors.of(Response.Status.CONFLICT, "device " + request.serial() + " exists")
            : Response.status(Response.Status.CREATED).entity(new CreatedDevice(app, request.serial(), key.get(),
                Base64.getEncoder().encodeToString((request.serial() + ":" + key.get()).getBytes(StandardCharsets.UTF_8)))).build());
    }

    @GET
    @Path("/devices")
    public Uni<Map<String, Object>> list(@PathParam("app") String app, @QueryParam("after") String after,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        int page = Math.max(1, Math.min(limit, MAX_PAGE));
        return devices.list(app, after, page).map(found -> found.size() < page ? Map.of("devices", found)
            : Map.of("devices", found, "next", found.get(found.size() - 1).serial()));
    }

    @GET
    @Path("/devices/{serial}")
    public Uni<Response> one(@PathParam("app") String app, @PathParam("serial") String serial) {
        return devices.find(new DeviceRef(app, serial)).map(found -> found.map(d -> Response.ok(d).build())
            .orElseGet(() -> AdminErrors.notFound("device " + serial)));
    }

    @PATCH
    @Path("/devices/{serial}")
    public Uni<Response> rename(@PathParam("app") String app, @PathParam("serial") String serial, Rename request) {
        if (request == null || request.name() == null || request.name().length() > 256) {
            return Uni.createFrom().item(AdminErrors.badRequest("name is required (at most 256 characters)"));
        }
        DeviceRef device = new DeviceRef(app, serial);
        return devices.rename(device, request.name()).flatMap(found -> found ? one(app, serial) : notFound(serial));
    }

    @DELETE
    @Path("/devices/{serial}")
    public Uni<Response> delete(@PathParam("app") String app, @PathParam("serial") String serial) {
        return devices.delete(new DeviceRef(app, serial)).map(found -> found ? Response.noContent().build()
            : AdminErrors.notFound("device " + serial));
    }

    /** Body {@code {id, name}}: the device is bound to the school and told {@code bind_school {id, name}}. */
    @PUT
    @Path("/devices/{serial}/school")
    public Uni<Response> bindSchool(@PathParam("app") String app, @PathParam("serial") String serial, Device.Binding school) {
        return bind(app, serial, school, devices::bindSchool, "bind_school");
    }

    @DELETE
    @Path("/devices/{serial}/school")
    public Uni<Response> unbindSchool(@PathParam("app") String app, @PathParam("serial") String serial) {
        return unbind(app, serial, devices::bindSchool, "unbind_school");
    }

    /** Body {@code {id, name}}: the device is bound to the class and told {@code bind_class {id, name}}. */
    @PUT
    @Path("/devices/{serial}/class")
    public Uni<Response> bindClass(@PathParam("app") String app, @PathParam("serial") String serial, Device.Binding schoolClass) {
        return bind(app, serial, schoolClass, devices::bindClass, "bind_class");
    }

    @DELETE
    @Path("/devices/{serial}/class")
    public Uni<Response> unbindClass(@PathParam("app") String app, @PathParam("serial") String serial) {
        return unbind(app, serial, devices::bindClass, "unbind_class");
    }

    /** Body {@code {power_schedule: [...]}}, as the seed's event carries it, which the device is sent. */
    @PUT
    @Path("/devices/{serial}/power-schedule")
    public Uni<Response> powerSchedule(@PathParam("app") String app, @PathParam("serial") String serial, JsonNode body) {
        if (body == null || !body.path("power_schedule").isArray()) {
            return Uni.createFrom().item(AdminErrors.badRequest("power_schedule must be an array"));
        }
        DeviceRef device = new DeviceRef(app, serial);
        return changeAndTell(devices.setPowerSchedule(device, body.get("power_schedule")), device, "update_power_schedule", body);
    }

    /** Remote debugging on: the device is told to join its serial-number room, where consoles may now join it. */
    @PUT
    @Path("/devices/{serial}/remote-debug")
    public Uni<Response> remoteDebugOn(@PathParam("app") String app, @PathParam("serial") String serial) {
        return remoteDebug(app, serial, true);
    }

    @DELETE
    @Path("/devices/{serial}/remote-debug")
    public Uni<Response> remoteDebugOff(@PathParam("app") String app, @PathParam("serial") String serial) {
        return remoteDebug(app, serial, false);
    }

    /** Body {@code {encrypted_cmd}}: sent as {@code remote_cmd} to the device's serial-number room. */
    @POST
    @Path("/devices/{serial}/remote-cmd")
    public Uni<Response> remoteCmd(@PathParam("app") String app, @PathParam("serial") String serial, JsonNode body) {
        if (body == null || !body.path("encrypted_cmd").isTextual()) {
            return Uni.createFrom().item(AdminErrors.badRequest("encrypted_cmd is required"));
        }
        return devices.find(new DeviceRef(app, serial)).flatMap(found -> found.isEmpty() ? notFound(serial)
            : core.send(ClientEvents.toRoom(app, serial, "remote_cmd", body)).map(sent -> Response.accepted().build()));
    }

    /** Devices of the app must sign with HMAC, or may use the seed's signature again. */
    @PUT
    @Path("/settings")
    public Uni<Settings> settings(@PathParam("app") String app, Settings settings) {
        return devices.setRequireHmac(app, settings.requireHmac()).replaceWith(settings);
    }

    @GET
    @Path("/settings")
    public Uni<Settings> settingsOf(@PathParam("app") String app) {
        return devices.requiresHmac(app).map(Settings::new);
    }

    private Uni<Response> remoteDebug(String app, String serial, boolean on) {
        DeviceRef device = new DeviceRef(app, serial);
        ObjectNode room = JsonNodeFactory.instance.objectNode().put("room", serial);
        return changeAndTell(devices.setRemoteDebug(device, on), device, on ? "enable_remote_cmd" : "disable_remote_cmd", room);
    }

    private Uni<Response> bind(String app, String serial, Device.Binding binding, BindingChange change, String event) {
        if (binding == null || binding.name() == null) {
            return Uni.createFrom().item(AdminErrors.badRequest("id and name are required"));
        }
        DeviceRef device = new DeviceRef(app, serial);
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("id", binding.id()).put("name", binding.name());
        return changeAndTell(change.apply(device, binding), device, event, payload);
    }

    private Uni<Response> unbind(String app, String serial, BindingChange change, String event) {
        DeviceRef device = new DeviceRef(app, serial);
        return changeAndTell(change.apply(device, null), device, event, JsonNodeFactory.instance.objectNode().put("unbind", true));
    }

    /** The change made, then the event queued for the device: the answer is the command. */
    private Uni<Response> changeAndTell(Uni<Boolean> change, DeviceRef device, String event, JsonNode payload) {
        return change.flatMap(found -> !found ? notFound(device.serial())
            : commands.queue(device, event, payload).map(queued -> queued.queued().isEmpty()
                ? AdminErrors.of(Response.Status.TOO_MANY_REQUESTS, "changed, but the device has too many open commands to be told")
                : Response.ok(Map.of("commandId", queued.queued().get(0).id(), "event", event)).build()));
    }

    private static Uni<Response> notFound(String serial) {
        return Uni.createFrom().item(AdminErrors.notFound("device " + serial));
    }

    @FunctionalInterface
    private interface BindingChange {
        Uni<Boolean> apply(DeviceRef device, Device.Binding binding);
    }
}
