package org.pushplatform.routing.app;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Mints the push-server API's tokens ({@link PushToken}) and checks them against the app they name. */
@ApplicationScoped
public class PushTokens {

    /** The longest a token may live when minted: a year. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private final AppService apps;

    public PushTokens(AppService apps) {
        this.apps = apps;
    }

    /** A token of the app valid for {@code lifetime}; null when there is no such app. */
    public Uni<String> mint(String appkey, Duration lifetime) {
        long expires = Instant.now().plus(lifetime).getEpochSecond();
        return apps.findByAppkey(appkey).map(app -> app == null ? null : PushToken.mint(app.appkey, app.secret, expires));
    }

    /**
     * The app of a genuine, unexpired token.
     *
     * @throws PushToken.InvalidTokenException (as the Uni's failure) otherwise: forged, of an unknown app, of an
     *                                         old secret, or expired
     */
    public Uni<App> verify(String token) {
        String appkey = PushToken.appkeyOf(token);
        if (appkey == null) {
            return Uni.createFrom().failure(PushToken.InvalidTokenException.forged());
        }
        return apps.findByAppkey(appkey).map(app -> {
            if (app == null) {
                throw PushToken.InvalidTokenException.forged();
            }
            PushToken.Claims claims = PushToken.open(token, app.secret);
            if (claims.expiresEpochSeconds() < Instant.now().getEpochSecond()) {
                throw new PushToken.InvalidTokenException("token expired");
            }
            return app;
        });
    }
}
