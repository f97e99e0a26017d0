package org.pushplatform.device.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.device.commands.DeviceCommands;
import org.pushplatform.device.commands.CommandResults;
import org.pushplatform.device.commands.CommandLedger;
import org.pushplatform.device.commands.CommandChange;
import org.pushplatform.device.commands.CommandCatalog;
import org.pushplatform.device.commands.Command;
import org.pushplatform.device.config.DeviceConfig;
import org.pushplatform.device.devices.DeviceRef;
import org.pushplatform.service.AdminErrors;

/**
 * Commands over REST: to one device, or to a class, a school or every device of an app; one command and a
 * device's history. {@code ?wait=5s} answers once the commands have ended (200), or when the wait is over with
 * them still open (202); without it the commands are answered as queued (201).
 */
@Path("/admin/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {

    /** A command to send; the options left out take the service's defaults. */
    public record CommandRequest(String event, JsonNode payload, Long ackTimeoutMs, Integer maxAttempts, Long ttlSeconds,
                                 List<String> serials, Long schoolId, Long classId, Boolean all) {

        DeviceCommands.Options options() {
            return new DeviceCommands.Options(ackTimeoutMs, maxAttempts, ttlSeconds);
        }
    }

    private static final int MAX_HISTORY = 500;

    private final DeviceCommands commands;
    private final CommandResults results;
    private final CommandLedger ledger;
    private final Duration maxWait;

    public CommandResource(DeviceCommands commands, CommandResults results, CommandLedger ledger, DeviceConfig config) {
        this.commands = commands;
        this.results = results;
        this.ledger = ledger;
        this.maxWait = config.device().maxWait();
    }

    @POST
    @Path("/devices/{serial}/commands")
    public Uni<Response> toDevice(@PathParam("app") String app, @PathParam("serial") String serial, @QueryParam("wait") String wait,
                                  CommandRequest request) {
        String problem = problemOf(request, wait);
        if (problem != null) {
            return Uni.createFrom().item(AdminErrors.badRequest(problem));
        }
        return commands.queue(app, CommandLedger.Selection.of(serial), request.event(), request.payload(), request.options())
            .flatMap(enqueued -> {
                if (!enqueued.full().isEmpty()) {
                    return Uni.createFrom().item(AdminErrors.of(Response.Status.TOO_MANY_REQUESTS, "the device has too many open commands"));
                }
                if (enqueued.queued().isEmpty()) {
                    return Uni.createFrom().item(AdminErrors.notFound("device " + serial));
                }
                return answer(app, List.of(enqueued.queued().get(0).id()), wait).map(answer -> Response.status(answer.status())
                    .entity(answer.commands().get(0)).build());
            });
    }

    @POST
    @Path("/commands")
    public Uni<Response> toMany(@PathParam("app") String app, @QueryParam("wait") String wait, CommandRequest request) {
        String problem = problemOf(request, wait);
        if (problem == null && request.serials() == null && request.schoolId() == null && request.classId() == null
            && !Boolean.TRUE.equals(request.all())) {
            problem = "say which devices: serials, schoolId, classId, or all: true";
        }
        if (problem != null) {
            return Uni.createFrom().item(AdminErrors.badRequest(problem));
        }
        var selection = new CommandLedger.Selection(request.serials(), request.schoolId(), request.classId());
        return commands.queue(app, selection, request.event(), request.payload(), request.options())
            .flatMap(enqueued -> answer(app, enqueued.queued().stream().map(CommandChange::id).toList(), wait)
                .map(answer -> Response.status(answer.status()).entity(Map.of("commands", answer.commands(),
                    "tooManyOpen", enqueued.full().stream().map(DeviceRef::serial).toList())).build()));
    }

    @GET
    @Path("/commands/{id}")
    public Uni<Response> one(@PathParam("app") String app, @PathParam("id") long id, @QueryParam("wait") String wait) {
        Duration waited = waitOf(wait);
        if (waited == null) {
            return Uni.createFrom().item(AdminErrors.badRequest(waitProblem()));
        }
        return results.whenFinal(app, List.of(id), waited).map(found -> found.isEmpty() ? AdminErrors.notFound("command " + id)
            : Response.ok(found.get(0)).build());
    }

    @GET
    @Path("/devices/{serial}/commands")
    public Uni<List<Command>> history(@PathParam("app") String app, @PathParam("serial") String serial, @QueryParam("before") Long before,
                                      @QueryParam("limit") @DefaultValue("50") int limit) {
        return ledger.history(new DeviceRef(app, serial), before, Math.max(1, Math.min(limit, MAX_HISTORY)));
    }

    /** The commands, and the status that says whether they ended. */
    private record Answer(int status, List<Command> commands) {
    }

    private Uni<Answer> answer(String app, List<Long> ids, String wait) {
        Duration waited = waitOf(wait);
        return results.whenFinal(app, ids, waited).map(found -> new Answer(wait == null ? 201
            : CommandResults.allFinal(found) ? 200 : 202, found));
    }

    private String problemOf(CommandRequest request, String wait) {
        if (request == null || request.event() == null || !CommandCatalog.EVENTS.contains(request.event())) {
            return "event must be one of the seed's acked server events: " + new java.util.TreeSet<>(CommandCatalog.EVENTS);
        }
        if (request.payload() != null && !request.payload().isObject()) {
            return "payload must be a JSON object";
        }
        if (request.ackTimeoutMs() != null && (request.ackTimeoutMs() < 100 || request.ackTimeoutMs() > 600_000)) {
            return "ackTimeoutMs must be 100-600000";
        }
        if (request.maxAttempts() != null && (request.maxAttempts() < 1 || request.maxAttempts() > 100)) {
            return "maxAttempts must be 1-100";
        }
        if (request.ttlSeconds() != null && (request.ttlSeconds() < 1 || request.ttlSeconds() > 30L * 24 * 3600)) {
            return "ttlSeconds must be 1-2592000 (30 days)";
        }
        return waitOf(wait) == null ? waitProblem() : null;
    }

    private String waitProblem() {
        return "wait must be a duration such as 5s or 500ms, at most " + maxWait.toSeconds() + "s";
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m} or ISO-8601, as Quarkus reads durations; none is zero; null when it is not one or too long. */
    private Duration waitOf(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        try {
            Duration parsed = DurationConverter.parseDuration(wait.trim());
            return parsed == null || parsed.isNegative() || parsed.compareTo(maxWait) > 0 ? null : parsed;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
