package org.pushplatform.service;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin REST API's documentation ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}) is served by every
 * service that has the API, behind the admin token: as a bearer token, or as the password a browser asks for.
 */
@ApplicationScoped
public class AdminDocsGuard {

    static final String REALM = "Basic realm=\"push admin: the password is the admin token\"";

    void guard(@Observes Router router, @ConfigProperty(name = "push.admin-token") String adminToken) {
        AdminBearer bearer = new AdminBearer(adminToken);
        router.routeWithRegex("/q/(openapi|swagger-ui).*").order(Integer.MIN_VALUE).handler(request -> {
            if (bearer.carriesToken(request.request().getHeader(HttpHeaders.AUTHORIZATION))) {
                request.next();
            } else {
                request.response().setStatusCode(401).putHeader(HttpHeaderNames.WWW_AUTHENTICATE, REALM).end();
            }
        });
    }
}
