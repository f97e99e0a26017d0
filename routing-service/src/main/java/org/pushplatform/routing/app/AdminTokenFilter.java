package org.pushplatform.routing.app;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.service.AdminBearer;

/** Guards {@code /admin/*} with {@code Authorization: Bearer <admin token>}. */
public class AdminTokenFilter {

    private final AdminBearer bearer;

    public AdminTokenFilter(RoutingConfig config) {
        this.bearer = new AdminBearer(config.adminToken());
    }

    @ServerRequestFilter
    public Response checkAdminToken(ContainerRequestContext request) {
        return bearer.allows(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.AUTHORIZATION)) ? null
            : AppResource.error(Response.Status.UNAUTHORIZED, "admin token required");
    }
}
