package org.pushplatform.routing.pubsub;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pushplatform.routing.app.AppResource;
import org.pushplatform.routing.app.AppSecretVerifier;
import org.pushplatform.routing.quota.QuotaExceededException;

/**
 * Publishing and queries from outside, for one app, authenticated by the app's secret
 * ({@code X-App-Secret: <secret>}). Bodies and options are those of the socket events publish2 and publish2_to_alias.
 */
@Path("/api/v1/apps/{appkey}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PubsubResource {

    /** The reply of a publish: the seed's puback, plus how many sessions the message is for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublishResult(boolean success, String messageId, int targets) {
    }

    private final AppSecretVerifier secrets;
    private final PublishService publishing;
    private final AppQueries queries;

    public PubsubResource(AppSecretVerifier secrets, PublishService publishing, AppQueries queries) {
        this.secrets = secrets;
        this.publishing = publishing;
        this.queries = queries;
    }

    @POST
    @Path("/publish")
    @Operation(summary = "Publish to a topic", description = "Body {topic, msg, opts: {qos, messageId, time_to_live, apn_json}}; like the publish2 event.")
    public Uni<PublishResult> publish(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret, JsonNode body) {
        return secrets.verify(appkey, secret).flatMap(app -> {
            PublishRequest request = PublishRequest.toTopic(body, true);
            return publishing.toTopic(appkey, request, null, null).map(n -> new PublishResult(true, request.messageId(), n));
        });
    }

    @POST
    @Path("/publish_to_alias")
    @Operation(summary = "Publish to one alias or several",
        description = "Body {alias, msg, opts} or {aliases: [...], msg, opts}; like the publish2_to_alias event.")
    public Uni<PublishResult> publishToAlias(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret,
                                             JsonNode body) {
        return secrets.verify(appkey, secret).flatMap(app -> {
            List<PublishRequest> requests = aliasRequests(body);
            String messageId = requests.get(0).messageId();
            return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(request -> publishing.toAlias(appkey, request, null, null))
                .collect().asList()
                .map(counts -> new PublishResult(true, messageId, counts.stream().mapToInt(Integer::intValue).sum()));
        });
    }

    @GET
    @Path("/aliases/{alias}/state")
    @Operation(summary = "Whether an alias is online", description = "Like get_state: {success, data: online|offline}.")
    public Uni<JsonNode> state(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret,
                               @Parameter(description = "the alias") @PathParam("alias") String alias) {
        return secrets.verify(appkey, secret).flatMap(app -> queries.isOnline(appkey, alias))
            .map(online -> PubsubReplies.state(online).get(0));
    }

    @GET
    @Path("/topics/{topic}/aliases")
    @Operation(summary = "The aliases subscribed to a topic", description = "Like get_alias_list: {success, data: {alias, occupancy}}.")
    public Uni<JsonNode> aliasList(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret,
                                   @PathParam("topic") String topic) {
        return secrets.verify(appkey, secret).flatMap(app -> queries.aliasesOf(appkey, topic))
            .map(aliases -> PubsubReplies.aliasList(aliases).get(0));
    }

    @GET
    @Path("/aliases/{alias}/topics")
    @Operation(summary = "The topics an alias is subscribed to", description = "Like get_topic_list: {success, data: {topics}}.")
    public Uni<JsonNode> topicList(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret,
                                   @PathParam("alias") String alias) {
        return secrets.verify(appkey, secret).flatMap(app -> queries.topicsOfAlias(appkey, alias))
            .map(topics -> PubsubReplies.topicList(topics).get(0));
    }

    /** {alias} or {aliases: [...]}: one request per alias, sharing one message id. */
    private static List<PublishRequest> aliasRequests(JsonNode body) {
        JsonNode aliases = body == null ? null : body.get("aliases");
        return aliases == null ? List.of(PublishRequest.toAlias(body, true)) : PublishRequest.toAliases(body, aliases);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidFrameException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new AppResource.ErrorBody(false, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response overQuota(QuotaExceededException e) {
        return Response.status(429).entity(new AppResource.ErrorBody(false, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response wrongSecret(AppSecretVerifier.WrongSecretException e) {
        return Response.status(Response.Status.UNAUTHORIZED).entity(new AppResource.ErrorBody(false, e.getMessage())).build();
    }
}
