package org.pushplatform.routing.app;

import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin REST API for apps; every call needs the admin token (see {@link AdminTokenFilter}). */
@Path("/admin/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppResource {

    /** What a caller may send to create an app. */
    public record CreateAppRequest(String name, String appkey) {
    }

    /** What is shown of an app: its secret only when it was just made (created or rotated). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record AppView(String appkey, String secret, String name, String createdAt, boolean signedConnect) {
        static AppView withSecret(App app) {
            return new AppView(app.appkey, app.secret, app.name, app.createdAt.toString(), app.signedConnect);
        }

        static AppView listed(App app) {
            return new AppView(app.appkey, null, app.name, app.createdAt.toString(), app.signedConnect);
        }
    }

    /** Whether the app requires a signed connect_v2. */
    public record SignedConnectRequest(Boolean required) {
    }

    /** How long a push-server token lives; 30 days when not said. */
    public record TokenRequest(Long ttlSeconds) {
    }

    /** A minted push-server token. */
    public record TokenView(String appkey, String token, String expiresAt) {
    }

    static final java.time.Duration DEFAULT_TOKEN_LIFETIME = java.time.Duration.ofDays(30);

    private final AppService apps;
    private final PushTokens tokens;

    public AppResource(AppService apps, PushTokens tokens) {
        this.apps = apps;
        this.tokens = tokens;
    }

    /** A token for the push-server API's REST server and connections ({@link PushToken}); valid until a new secret. */
    @POST
    @Path("/{appkey}/push-tokens")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> mintToken(@PathParam("appkey") String appkey, TokenRequest request) {
        java.time.Duration lifetime = request == null || request.ttlSeconds() == null ? DEFAULT_TOKEN_LIFETIME
            : java.time.Duration.ofSeconds(request.ttlSeconds());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(PushTokens.MAX_LIFETIME) > 0) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST,
                "ttlSeconds must be 1-" + PushTokens.MAX_LIFETIME.toSeconds()));
        }
        java.time.Instant expires = java.time.Instant.now().plus(lifetime);
        return tokens.mint(appkey, lifetime).map(token -> token == null ? error(Response.Status.NOT_FOUND, "no such app")
            : Response.status(Response.Status.CREATED).entity(new TokenView(appkey, token,
                java.time.Instant.ofEpochSecond(expires.getEpochSecond()).toString())).build());
    }

    @GET
    public Uni<List<AppView>> list() {
        return apps.list().map(all -> all.stream().map(AppView::listed).toList());
    }

    /** A new secret for the app; the old one stops working at once. */
    @POST
    @Path("/{appkey}/secret")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> rotateSecret(@PathParam("appkey") String appkey) {
        return apps.rotateSecret(appkey).map(app -> app == null ? error(Response.Status.NOT_FOUND, "no such app")
            : Response.ok(AppView.withSecret(app)).build());
    }

    /** Requires, or no longer requires, connect_v2 to be signed with the app's secret. */
    @PUT
    @Path("/{appkey}/signed-connect")
    public Uni<Response> signedConnect(@PathParam("appkey") String appkey, SignedConnectRequest request) {
        if (request == null || request.required() == null) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "a body {\"required\": true|false} is required"));
        }
        return apps.requireSignedConnect(appkey, request.required()).map(app -> app == null ? error(Response.Status.NOT_FOUND, "no such app")
            : Response.ok(AppView.listed(app)).build());
    }

    @POST
    public Uni<Response> create(CreateAppRequest request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "name is required (at most 200 characters)"));
        }
        if (request.appkey() != null && !request.appkey().matches("[A-Za-z0-9_-]{8,64}")) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "appkey must be 8-64 letters, digits, '_' or '-'"));
        }
        String appkey = request.appkey();
        Uni<Boolean> taken = appkey == null ? Uni.createFrom().item(false) : apps.findByAppkey(appkey).map(app -> app != null);
        return taken.flatMap(exists -> exists
            ? Uni.createFrom().item(error(Response.Status.CONFLICT, "appkey already exists"))
            : apps.create(request.name(), appkey).map(app -> Response.status(Response.Status.CREATED).entity(AppView.withSecret(app)).build()));
    }

    public static Response error(Response.Status status, String message) {
        return Response.status(status).entity(new ErrorBody(false, message)).build();
    }

    /** The error shape of every REST reply: the seed's {@code success: false, error_msg}. */
    public record ErrorBody(boolean success, @com.fasterxml.jackson.annotation.JsonProperty("error_msg") String errorMsg) {
    }
}
