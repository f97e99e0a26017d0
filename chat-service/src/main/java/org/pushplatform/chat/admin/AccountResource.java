package org.pushplatform.chat.admin;

import java.time.Duration;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.contract.ChatApi;

/**
 * The chat admin API of one app: accounts, the client tokens their clients connect with, and contacts (1:1 messages go
 * between contacts only). Every call names its app and touches nothing of another.
 */
@Path("/admin/apps/{app}/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final int MAX_APP = 64;
    private static final int MAX_NAME = 200;
    private static final int MAX_AVATAR = 1000;

    /** An account as the admin sets it. */
    public record AccountBody(String id, String name, String avatar) {
    }

    /** How long a token is valid, e.g. {@code PT24H}; the configured default when absent. */
    public record TokenBody(String ttl) {
    }

    private final AccountStore accounts;
    private final Duration defaultTtl;

    public AccountResource(AccountStore accounts, ChatConfig config) {
        this.accounts = accounts;
        this.defaultTtl = config.chat().tokenTtl();
    }

    @POST
    @Operation(summary = "Creates an account of the app, or renames it (201 when new, 200 when it existed)")
    public Uni<Response> save(@PathParam("app") String app, AccountBody body) {
        String problem = body == null ? "a body {id, name, avatar} is required" : problemOf(app, body);
        if (problem != null) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, problem));
        }
        var account = new AccountStore.Account(app, body.id(), body.name() == null ? "" : body.name(),
            body.avatar() == null ? "" : body.avatar());
        return accounts.save(account).map(created -> Response.status(created ? 201 : 200)
            .entity(Map.of("app", app, "id", account.id(), "name", account.name(), "avatar", account.avatar())).build());
    }

    @POST
    @Path("/{id}/tokens")
    @Operation(summary = "Mints a client token for the account: its clients connect with ?token=<token>&app=<app>")
    public Uni<Response> mintToken(@PathParam("app") String app, @PathParam("id") String id, TokenBody body) {
        Duration ttl;
        try {
            ttl = body == null || body.ttl() == null ? defaultTtl : Duration.parse(body.ttl());
        } catch (java.time.format.DateTimeParseException e) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, "ttl must be an ISO-8601 duration such as PT24H"));
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, "ttl must be positive"));
        }
        return accounts.mintToken(app, id, ttl).map(minted -> minted == null
            ? AdminTokenFilter.error(Response.Status.NOT_FOUND, "account not found")
            : Response.status(201).entity(Map.of("token", minted.token(), "expiresAt", minted.expiresAt().toString())).build());
    }

    @DELETE
    @Path("/{id}/tokens")
    @Operation(summary = "Revokes every client token of the account")
    public Uni<Map<String, Object>> revokeTokens(@PathParam("app") String app, @PathParam("id") String id) {
        return accounts.revokeTokens(app, id).map(revoked -> Map.of("revoked", revoked));
    }

    @PUT
    @Path("/{id}/contacts/{contact}")
    @Operation(summary = "Makes two accounts of the app contacts of each other")
    public Uni<Response> addContact(@PathParam("app") String app, @PathParam("id") String id, @PathParam("contact") String contact) {
        if (id.equals(contact)) {
            return Uni.createFrom().item(AdminTokenFilter.error(Response.Status.BAD_REQUEST, "an account is no contact of its own"));
        }
        return accounts.addContact(app, id, contact).map(added -> added ? Response.ok(Map.of("success", true)).build()
            : AdminTokenFilter.error(Response.Status.NOT_FOUND, "account not found"));
    }

    private static String problemOf(String app, AccountBody body) {
        if (app.length() > MAX_APP) {
            return "app must be at most " + MAX_APP + " characters";
        }
        if (body.id() == null || body.id().isEmpty() || body.id().length() > ChatApi.MAX_ACCOUNT_ID) {
            return "id must be 1 to " + ChatApi.MAX_ACCOUNT_ID + " characters";
        }
        if (body.name() != null && body.name().length() > MAX_NAME) {
            return "name must be at most " + MAX_NAME + " characters";
        }
        if (body.avatar() != null && body.avatar().length() > MAX_AVATAR) {
            return "avatar must be at most " + MAX_AVATAR + " characters";
        }
        return null;
    }
}
