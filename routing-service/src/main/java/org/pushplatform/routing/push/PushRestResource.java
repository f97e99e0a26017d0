package org.pushplatform.routing.push;

import org.pushplatform.contract.Transports;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pushplatform.contract.PushServerFrames;
import org.pushplatform.routing.app.PushToken;
import org.pushplatform.routing.app.PushTokens;

/**
 * The push-server API's RestServer: every URL ends with a token ({@link PushToken}) naming the app. Replies are the
 * seed's; a refused request gets {@code {t:0, error[, num]}} with status 400 (bad body), 401 (forged or expired
 * token) or 429 (quota).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PushRestResource {

    private final PushTokens tokens;
    private final PushPublishing publishing;
    private final PushQueries queries;
    private final PushServers servers;

    public PushRestResource(PushTokens tokens, PushPublishing publishing, PushQueries queries, PushServers servers) {
        this.servers = servers;
        this.tokens = tokens;
        this.publishing = publishing;
        this.queries = queries;
    }

    @POST
    @Path("/push/{token}")
    @Operation(summary = "Push to channels or aliases", description = "Body as do_push (t:6): {t:6, method: publish|publish_to_alias,"
        + " topic|alias: [...], msg, opts: {time_to_live}, num}; replies {t:-6, num}.")
    public Uni<Response> push(@PathParam("token") String token, JsonNode body) {
        JsonNode num = body == null ? null : body.get("num");
        return tokens.verify(token).flatMap(app -> {
            PushPublishing.Prepared prepared = body == null || !body.isObject()
                ? new PushPublishing.Prepared(List.of(), "the body is a JSON object {t:6, method, ...}")
                : PushPublishing.prepare(app.appkey, body, null);
            if (prepared.invalid() != null) {
                return Uni.createFrom().item(refused(Response.Status.BAD_REQUEST.getStatusCode(), prepared.invalid(), num));
            }
            return publishing.publishAll(List.of(prepared)).map(refusals -> refusals.get(0) == null
                ? Response.ok(PushReplies.ok(6, num)).build()
                : refused(429, refusals.get(0), num));
        }).onFailure(PushToken.InvalidTokenException.class).recoverWithItem(invalid -> refused(401, invalid.getMessage(), num));
    }

    @GET
    @Path("/info/{token}")
    @Operation(summary = "Connections per gateway host", description = "{<host>: {webSocketSize, channelSize, onlineAllSize, socketIOSize}},"
        + " from the counts each gateway node reports in its heartbeats.")
    public Uni<ObjectNode> info(@PathParam("token") String token) {
        return tokens.verify(token).map(app -> servers.perHost());
    }

    @GET
    @Path("/info/servers/{token}")
    @Operation(summary = "The least loaded gateway", description = "{service: {rest, webSocket, socket, push}, host}: where a client connects.")
    public Uni<Response> leastLoaded(@PathParam("token") String token) {
        return tokens.verify(token).map(app -> servers.leastLoaded().map(reply -> Response.ok(reply).build())
            .orElseGet(() -> refused(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), "no gateway is up", null)));
    }

    @GET
    @Path("/info/status/{alias}/{token}")
    @Operation(summary = "An alias's state and channels", description = "{list: [channels], status: online|offline}.")
    public Uni<ObjectNode> status(@PathParam("alias") String alias, @PathParam("token") String token) {
        return tokens.verify(token).flatMap(app -> queries.status(app.appkey, PushNames.name(com.fasterxml.jackson.databind.node.TextNode.valueOf(alias), "alias")))
            .invoke(status -> status.remove("alias"));
    }

    @GET
    @Path("/info/allChannelAlias/{page}/{token}")
    @Operation(summary = "Aliases online over TCP", description = "{total, list}: page from 1, 100 aliases a page.")
    public Uni<ObjectNode> channelAliases(@PathParam("page") String page, @PathParam("token") String token) {
        return aliasPage(page, token, Transports.TCP);
    }

    @GET
    @Path("/info/allSocketIOAlias/{page}/{token}")
    @Operation(summary = "Aliases online over Socket.IO (9906)", description = "{total, list}: page from 1, 100 aliases a page.")
    public Uni<ObjectNode> socketIoAliases(@PathParam("page") String page, @PathParam("token") String token) {
        return aliasPage(page, token, Transports.SOCKET_IO);
    }

    private Uni<ObjectNode> aliasPage(String page, String token, String transport) {
        int number = pageNumber(page);
        return tokens.verify(token).flatMap(app -> queries.aliasesOnline(app.appkey, transport, number));
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new PushFrameException("page must be a number from 1");
    }

    private static Response refused(int status, String why, JsonNode num) {
        return Response.status(status).entity(PushServerFrames.error(why, num)).build();
    }

    @ServerExceptionMapper
    public Response invalidToken(PushToken.InvalidTokenException e) {
        return refused(401, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response invalidRequest(PushFrameException e) {
        return refused(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage(), null);
    }
}
