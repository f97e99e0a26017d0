package org.pushplatform.iot.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.iot.messaging.IotEvents;
import org.pushplatform.iot.things.Names;
import org.pushplatform.iot.things.ThingRef;
import org.pushplatform.iot.things.ThingStore;
import org.pushplatform.service.AdminErrors;

/** Products of an app and their devices over REST: create, list, read, delete. */
@Path("/admin/apps/{app}/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    static final int MAX_PAGE = 500;

    /** @param productKey the caller's, or null for a made-up one */
    public record CreateProduct(String productKey, String name) {
    }

    public record CreateDevice(String deviceName) {
    }

    private final ThingStore things;
    private final IotEvents events;

    public ProductResource(ThingStore things, IotEvents events) {
        this.things = things;
        this.events = events;
    }

    @POST
    public Uni<Response> create(@PathParam("app") String app, CreateProduct request) {
        String productKey = request == null || request.productKey() == null ? ThingStore.newProductKey() : request.productKey();
        String name = request == null ? null : request.name();
        if (!Names.isProductKey(productKey) || !Names.isDisplayName(name)) {
            return bad("productKey must be " + Names.PRODUCT_KEY_RULE + "; name at most " + Names.MAX_NAME + " characters");
        }
        var product = new ThingStore.Product(productKey, name);
        return things.createProduct(app, productKey, name).map(created -> {
            if (!created) {
                return AdminErrors.of(Response.Status.CONFLICT, "product " + productKey + " exists");
            }
            events.send("product.created", app + '/' + productKey, Map.of("app", app, "product", product));
            return Response.status(Response.Status.CREATED).entity(product).build();
        });
    }

    @GET
    public Uni<Map<String, Object>> list(@PathParam("app") String app, @QueryParam("after") String after,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        int page = pageOf(limit);
        return things.products(app, after, page).map(found -> page(found, "products", page, ThingStore.Product::productKey));
    }

    @GET
    @Path("/{productKey}")
    public Uni<Response> one(@PathParam("app") String app, @PathParam("productKey") String productKey) {
        return things.product(app, productKey).map(found -> found.map(p -> Response.ok(p).build())
            .orElseGet(() -> AdminErrors.notFound("product " + productKey)));
    }

    /** Deletes the product with its devices and who owned them. */
    @DELETE
    @Path("/{productKey}")
    public Uni<Response> delete(@PathParam("app") String app, @PathParam("productKey") String productKey) {
        return things.deleteProduct(app, productKey).map(found -> {
            if (!found) {
                return AdminErrors.notFound("product " + productKey);
            }
            events.send("product.deleted", app + '/' + productKey, Map.of("app", app, "productKey", productKey));
            return Response.noContent().build();
        });
    }

    /** A new device of the product; its iotId is made up here. */
    @POST
    @Path("/{productKey}/devices")
    public Uni<Response> createDevice(@PathParam("app") String app, @PathParam("productKey") String productKey, CreateDevice request) {
        if (request == null || !Names.isDeviceName(request.deviceName())) {
            return bad("deviceName must be " + Names.DEVICE_NAME_RULE);
        }
        ThingRef device = new ThingRef(app, productKey, request.deviceName());
        return things.createDevice(device).flatMap(created -> switch (created) {
            case NO_PRODUCT -> Uni.createFrom().item(AdminErrors.notFound("product " + productKey));
            case EXISTS -> Uni.createFrom().item(AdminErrors.of(Response.Status.CONFLICT, "device " + request.deviceName() + " exists"));
            case CREATED -> things.device(device).map(found -> {
                events.send("device.created", device.key(), Map.of("app", app, "device", found.orElseThrow()));
                return Response.status(Response.Status.CREATED).entity(found.orElseThrow()).build();
            });
        });
    }

    @GET
    @Path("/{productKey}/devices")
    public Uni<Map<String, Object>> devices(@PathParam("app") String app, @PathParam("productKey") String productKey,
                                            @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit) {
        int page = pageOf(limit);
        return things.devices(app, productKey, after, page).map(found -> page(found, "devices", page, ThingStore.Device::deviceName));
    }

    @GET
    @Path("/{productKey}/devices/{deviceName}")
    public Uni<Response> device(@PathParam("app") String app, @PathParam("productKey") String productKey,
                                @PathParam("deviceName") String deviceName) {
        return things.device(new ThingRef(app, productKey, deviceName)).map(found -> found.map(d -> Response.ok(d).build())
            .orElseGet(() -> AdminErrors.notFound("device " + deviceName)));
    }

    @DELETE
    @Path("/{productKey}/devices/{deviceName}")
    public Uni<Response> deleteDevice(@PathParam("app") String app, @PathParam("productKey") String productKey,
                                      @PathParam("deviceName") String deviceName) {
        ThingRef device = new ThingRef(app, productKey, deviceName);
        return things.deleteDevice(device).map(found -> {
            if (!found) {
                return AdminErrors.notFound("device " + deviceName);
            }
            events.send("device.deleted", device.key(), Map.of("app", app, "productKey", productKey, "deviceName", deviceName));
            return Response.noContent().build();
        });
    }

    static int pageOf(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    /** A page of a list, with {@code next} (the value to pass as {@code after}) when there may be more. */
    static <T> Map<String, Object> page(List<T> found, String name, int page, Function<T, String> keyOf) {
        return found.size() < page ? Map.of(name, found) : Map.of(name, found, "next", keyOf.apply(found.get(found.size() - 1)));
    }

    static Uni<Response> bad(String why) {
        return Uni.createFrom().item(AdminErrors.badRequest(why));
    }
}
