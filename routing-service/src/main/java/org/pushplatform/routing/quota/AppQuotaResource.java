package org.pushplatform.routing.quota;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.routing.app.App;
import org.pushplatform.routing.app.AppResource;
import org.pushplatform.routing.app.AppService;

/** Admin REST API of an app's quotas (behind the admin token, as all of {@code /admin}). */
@Path("/admin/apps/{appkey}/quotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppQuotaResource {

    /** New quotas; a missing one stays as it was. */
    public record QuotaChange(Integer maxConnections, Long maxStoredMessages, Long maxStoredBytes) {
    }

    /** An app's quotas in force, with what it uses now. */
    public record QuotaView(int maxConnections, long maxStoredMessages, long maxStoredBytes, AppUsage.Counts used) {
    }

    private final AppService apps;
    private final QuotaGuard guard;
    private final AppUsage usage;

    public AppQuotaResource(AppService apps, QuotaGuard guard, AppUsage usage) {
        this.apps = apps;
        this.guard = guard;
        this.usage = usage;
    }

    @GET
    public Uni<Response> get(@PathParam("appkey") String appkey) {
        return apps.findByAppkey(appkey).map(this::view);
    }

    @PUT
    public Uni<Response> set(@PathParam("appkey") String appkey, QuotaChange change) {
        String problem = problemOf(change);
        if (problem != null) {
            return Uni.createFrom().item(AppResource.error(Response.Status.BAD_REQUEST, problem));
        }
        return apps.setQuotas(appkey, change.maxConnections(), change.maxStoredMessages(), change.maxStoredBytes()).map(this::view);
    }

    private Response view(App app) {
        if (app == null) {
            return AppResource.error(Response.Status.NOT_FOUND, "no such app");
        }
        AppQuotas quotas = guard.quotasOf(app);
        return Response.ok(new QuotaView(quotas.maxConnections(), quotas.maxStoredMessages(), quotas.maxStoredBytes(),
            usage.of(app.appkey))).build();
    }

    private static String problemOf(QuotaChange change) {
        if (change == null) {
            return "a body {maxConnections, maxStoredMessages, maxStoredBytes} is required";
        }
        if (change.maxConnections() != null && change.maxConnections() < 0) {
            return "maxConnections must be 0 or more";
        }
        if (change.maxStoredMessages() != null && change.maxStoredMessages() < 0) {
            return "maxStoredMessages must be 0 or more";
        }
        if (change.maxStoredBytes() != null && change.maxStoredBytes() < 0) {
            return "maxStoredBytes must be 0 or more";
        }
        return null;
    }
}
