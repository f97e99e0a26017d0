package org.pushplatform.routing.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryLimits;
import org.pushplatform.contract.delivery.DeliveryOutcome;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.contract.delivery.DeliveryRecords;
import org.pushplatform.routing.app.AppResource;
import org.pushplatform.routing.app.AppSecretVerifier;
import org.pushplatform.routing.messaging.MessageIds;
import org.pushplatform.routing.messaging.RouteCommandPublisher;

/**
 * The delivery core for other teams over REST, for one app, behind its secret ({@code X-App-Secret}): the same
 * commands as on {@code push.commands}, written to {@code push.route} keyed by their address. Outcomes arrive on
 * {@code push.events.deliveries} for the command's requester.
 */
@Path("/api/v1/apps/{appkey}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /** The command was accepted for delivery under this message id. */
    public record Accepted(boolean accepted, String messageId) {
    }

    private final AppSecretVerifier secrets;
    private final RouteCommandPublisher commands;

    public DeliveryResource(AppSecretVerifier secrets, RouteCommandPublisher commands) {
        this.secrets = secrets;
        this.commands = commands;
    }

    @POST
    @Path("/deliveries")
    @Operation(summary = "Deliver an event to an identity, topic, room or connection",
        description = "Body: a deliver command {to: {type, app, ...}, api, event, args, qos, ttlSeconds, ack, messageId, requester}.")
    public Uni<Response> deliver(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret, JsonNode body) {
        return accept(appkey, secret, Deliver.TYPE, body);
    }

    @POST
    @Path("/commands/{type}")
    @Operation(summary = "Bind a connection, join or leave a room, subscribe, unsubscribe or disconnect",
        description = "type: identity.bind, room.join, room.leave, topic.subscribe, topic.unsubscribe or connection.disconnect;"
            + " body: that command.")
    public Uni<Response> command(@PathParam("appkey") String appkey, @HeaderParam("X-App-Secret") String secret,
                                 @PathParam("type") String type, JsonNode body) {
        return accept(appkey, secret, type, body);
    }

    private Uni<Response> accept(String appkey, String secret, String type, JsonNode body) {
        return secrets.verify(appkey, secret).flatMap(app -> {
            DeliveryRecord command;
            try {
                command = DeliveryRecords.payloadOf(new Envelope(Envelope.VERSION, type, appkey, null, null, null, null, 0, body));
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                return Uni.createFrom().item(badRequest(e.getMessage()));
            }
            String problem = problemOf(command, appkey);
            if (problem != null) {
                return Uni.createFrom().item(badRequest(problem));
            }
            DeliveryRecord withId = withMessageId(command);
            String messageId = withId.messageId();
            return commands.send(withId, MessageIds.next())
                .map(sent -> Response.accepted(new Accepted(true, messageId)).build());
        });
    }

    /** A deliver command, or a control command whose requester waits for its outcome, gets an id when it has none. */
    private static DeliveryRecord withMessageId(DeliveryRecord command) {
        if (command instanceof Deliver d && d.messageId() == null) {
            return DeliveryHub.withMessageId(d);
        }
        if (command instanceof ControlCommands.JoinRoom j && j.requester() != null && j.messageId() == null) {
            return new ControlCommands.JoinRoom(j.connection(), j.room(), MessageIds.next(), j.requester());
        }
        if (command instanceof ControlCommands.LeaveRoom l && l.requester() != null && l.messageId() == null) {
            return new ControlCommands.LeaveRoom(l.connection(), l.room(), MessageIds.next(), l.requester());
        }
        if (command instanceof ControlCommands.BindIdentity b && b.requester() != null && b.messageId() == null) {
            return new ControlCommands.BindIdentity(b.connection(), b.identity(), b.api(), MessageIds.next(), b.requester());
        }
        return command;
    }

    private static String problemOf(DeliveryRecord command, String appkey) {
        if (command instanceof DeliveryOutcome) {
            return "an outcome is not a command";
        }
        if (!appkey.equals(command.app())) {
            return "every address must name this app, " + appkey;
        }
        return command instanceof Deliver deliver ? DeliverRules.problemOf(deliver) : DeliveryLimits.problemOf(command);
    }

    private static Response badRequest(String problem) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new AppResource.ErrorBody(false, problem)).build();
    }

    @ServerExceptionMapper
    public Response wrongSecret(AppSecretVerifier.WrongSecretException e) {
        return Response.status(Response.Status.UNAUTHORIZED).entity(new AppResource.ErrorBody(false, e.getMessage())).build();
    }
}
