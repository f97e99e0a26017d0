package org.pushplatform.chat.admin;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.service.AdminBearer;

/** Guards {@code /admin/*} with {@code Authorization: Bearer <admin token>}, the same token as routing's. */
public class AdminTokenFilter {

    private final AdminBearer bearer;

    public AdminTokenFilter(ChatConfig config) {
        this.bearer = new AdminBearer(config.adminToken());
    }

    @ServerRequestFilter
    public Response checkAdminToken(ContainerRequestContext request) {
        return bearer.allows(request.getUriInfo().getPath(), request.getHeaderString(HttpHeaders.AUTHORIZATION)) ? null
            : error(Response.Status.UNAUTHORIZED, "admin token required");
    }

    /** Error answers of the admin API, shaped as routing's: {@code {"success": false, "error_msg": why}}. */
    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("success", false, "error_msg", message)).build();
    }
}
