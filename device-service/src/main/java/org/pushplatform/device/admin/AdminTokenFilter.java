package org.pushplatform.device.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.service.AdminBearer;
import org.pushplatform.service.AdminErrors;

/** Guards {@code /admin/*} with {@code Authorization: Bearer <admin token>}, the same token as routing's. */
public class AdminTokenFilter {

    private final AdminBearer bearer;

    public AdminTokenFilter(DeviceConfig config) {
        this.bearer = new AdminBearer(config.adminToken());
    }

    @ServerRequestFilter
    public Response checkAdminToken(ContainerRequestContext request) {
        return bearer.allows(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.AUTHORIZATION)) ? null
            : AdminErrors.of(Response.Status.UNAUTHORIZED, "admin token required");
    }
}
