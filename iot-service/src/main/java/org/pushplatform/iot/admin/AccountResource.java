package org.pushplatform.iot.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.pushplatform.iot.accounts.AccountStore;
import org.pushplatform.iot.channels.ChannelStore;
import org.pushplatform.iot.config.IotConfig;
import org.pushplatform.iot.messaging.IotEvents;
import org.pushplatform.iot.things.Names;
import org.pushplatform.iot.things.ThingRef;
import org.pushplatform.service.AdminErrors;

/**
 * Accounts of an app over REST: create, read (with the devices they own, their bound channels and their tokens'
 * expiries), delete; issue and expire iotTokens; make an account own a device, or no longer.
 */
@Path("/admin/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record CreateAccount(String accountId, String name) {
    }

    /** @param ttlSeconds how long the token is valid; null for the configured default */
    public record IssueToken(Long ttlSeconds) {
    }

    /** An account as the admin API shows it. */
    public record AccountView(String accountId, String name, List<ThingRef> devices, List<ChannelStore.Channel> channels,
                              List<Instant> tokenExpiries) {
    }

    /** Event data of ownership changes. */
    public record Ownership(String app, String accountId, String productKey, String deviceName) {
    }

    private final AccountStore accounts;
    private final ChannelStore channels;
    private final IotEvents events;
    private final IotConfig config;

    public AccountResource(AccountStore accounts, ChannelStore channels, IotEvents events, IotConfig config) {
        this.accounts = accounts;
        this.channels = channels;
        this.events = events;
        this.config = config;
    }

    @POST
    @Path("/accounts")
    public Uni<Response> create(@PathParam("app") String app, CreateAccount request) {
        if (request == null || !Names.isAccountId(request.accountId()) || !Names.isDisplayName(request.name())) {
            return ProductResource.bad("accountId must be " + Names.ACCOUNT_ID_RULE + "; name at most " + Names.MAX_NAME + " characters");
        }
        return accounts.create(app, request.accountId(), request.name()).map(created -> {
            if (!created) {
                return AdminErrors.of(Response.Status.CONFLICT, "account " + request.accountId() + " exists");
            }
            var account = new AccountStore.Account(request.accountId(), request.name());
            events.send("account.created", app + '/' + request.accountId(), Map.of("app", app, "account", account));
            return Response.status(Response.Status.CREATED).entity(account).build();
        });
    }

    @GET
    @Path("/accounts/{accountId}")
    public Uni<Response> one(@PathParam("app") String app, @PathParam("accountId") String accountId) {
        return accounts.find(app, accountId).flatMap(found -> found.isEmpty() ? notFound(accountId)
            : Uni.combine().all().unis(accounts.devicesOf(app, accountId), channels.ofAccount(app, accountId),
                    accounts.tokenExpiries(app, accountId))
                .with((devices, bound, expiries) -> Response.ok(new AccountView(accountId, found.get().name(), devices, bound, expiries))
                    .build()));
    }

    /** Deletes the account with its tokens and ownerships; its channels are unbound. */
    @DELETE
    @Path("/accounts/{accountId}")
    public Uni<Response> delete(@PathParam("app") String app, @PathParam("accountId") String accountId) {
        return accounts.delete(app, accountId).flatMap(found -> {
            if (!found) {
                return notFound(accountId);
            }
            events.send("account.deleted", app + '/' + accountId, Map.of("app", app, "accountId", accountId));
            return Uni.createFrom().item(Response.noContent().build());
        });
    }

    /** A new iotToken of the account, told once. */
    @POST
    @Path("/accounts/{accountId}/tokens")
    public Uni<Response> issueToken(@PathParam("app") String app, @PathParam("accountId") String accountId, IssueToken request) {
        Duration ttl = request == null || request.ttlSeconds() == null ? config.iot().tokenTtl() : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.iot().maxTokenTtl()) > 0) {
            return ProductResource.bad("ttlSeconds must be between 1 and " + config.iot().maxTokenTtl().toSeconds());
        }
        return accounts.issueToken(app, accountId, ttl).flatMap(issued -> {
            if (issued.isEmpty()) {
                return notFound(accountId);
            }
            events.send("token.issued", app + '/' + accountId, Map.of("app", app, "accountId", accountId,
                "expiresAt", issued.get().expiresAt().toString()));
            return Uni.createFrom().item(Response.status(Response.Status.CREATED).entity(issued.get()).build());
        });
    }

    /** The token expires now: binding with it is refused from now on (channels bound with it stay bound). */
    @DELETE
    @Path("/tokens/{iotToken}")
    public Uni<Response> expireToken(@PathParam("app") String app, @PathParam("iotToken") String token) {
        return accounts.expireToken(app, token).map(found -> {
            if (!found) {
                return AdminErrors.notFound("iotToken");
            }
            events.send("token.expired", app, Map.of("app", app));
            return Response.noContent().build();
        });
    }

    /** The account owns the device from now on: its channels get the device's notices. */
    @PUT
    @Path("/accounts/{accountId}/devices/{productKey}/{deviceName}")
    public Uni<Response> own(@PathParam("app") String app, @PathParam("accountId") String accountId,
                             @PathParam("productKey") String productKey, @PathParam("deviceName") String deviceName) {
        ThingRef device = new ThingRef(app, productKey, deviceName);
        return accounts.own(accountId, device).map(owned -> switch (owned) {
            case NO_ACCOUNT -> AdminErrors.notFound("account " + accountId);
            case NO_DEVICE -> AdminErrors.notFound("device " + productKey + "/" + deviceName);
            case OWNED -> {
                events.send("ownership.added", app + '/' + accountId, new Ownership(app, accountId, productKey, deviceName));
                yield Response.noContent().build();
            }
        });
    }

    @DELETE
    @Path("/accounts/{accountId}/devices/{productKey}/{deviceName}")
    public Uni<Response> disown(@PathParam("app") String app, @PathParam("accountId") String accountId,
                                @PathParam("productKey") String productKey, @PathParam("deviceName") String deviceName) {
        return accounts.disown(accountId, new ThingRef(app, productKey, deviceName)).map(found -> {
            if (!found) {
                return AdminErrors.notFound("ownership of " + productKey + "/" + deviceName + " by " + accountId);
            }
            events.send("ownership.removed", app + '/' + accountId, new Ownership(app, accountId, productKey, deviceName));
            return Response.noContent().build();
        });
    }

    private static Uni<Response> notFound(String accountId) {
        return Uni.createFrom().item(AdminErrors.notFound("account " + accountId));
    }
}
