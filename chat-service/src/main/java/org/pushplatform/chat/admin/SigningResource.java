package org.pushplatform.chat.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.pushplatform.chat.accounts.AccountStore;

/**
 * Client tokens an app's backend signs itself (see {@link org.pushplatform.chat.accounts.SignedTokens}): the app's
 * signing key, shown once when made, and whether the app takes signed tokens only.
 */
@Path("/admin/apps/{app}/token-signing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SigningResource {

    /** {@code signedOnly}: minted tokens are refused; {@code newKey}: a new key replaces the old (its tokens stop working). */
    public record SigningBody(Boolean signedOnly, Boolean newKey) {
    }

    private final AccountStore accounts;

    public SigningResource(AccountStore accounts) {
        this.accounts = accounts;
    }

    @PUT
    @Operation(summary = "Turns signed client tokens on for the app (its key answered when made), signed-only or not")
    public Uni<jakarta.ws.rs.core.Response> set(@PathParam("app") String app, SigningBody body) {
        if (app.length() > org.pushplatform.contract.ChatApi.MAX_ACCOUNT_ID) {
            return Uni.createFrom().item(AdminTokenFilter.error(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "app must be at most 64 characters"));
        }
        boolean signedOnly = body != null && Boolean.TRUE.equals(body.signedOnly());
        boolean newKey = body != null && Boolean.TRUE.equals(body.newKey());
        return accounts.setSigning(app, signedOnly, newKey).map(key -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("signedOnly", signedOnly);
            if (key != null) {
                answer.put("signingKey", key);
            }
            return jakarta.ws.rs.core.Response.ok(answer).build();
        });
    }
}
