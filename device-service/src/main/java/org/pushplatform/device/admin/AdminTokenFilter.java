package org.pushplatform.device.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pushplatform.device.config.DeviceConfig;

/** Guards {@code /admin/*} with {@code Authorization: Bearer <admin token>}, the same token as routing's. */
public class AdminTokenFilter {

    private final byte[] expected;

    public AdminTokenFilter(DeviceConfig config) {
        this.expected = ("Bearer " + config.adminToken()).getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response checkAdminToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin")) {
            return null;
        }
        String given = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // constant-time comparison: the token must not leak through timing
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Errors.of(Response.Status.UNAUTHORIZED, "admin token required");
    }
}
