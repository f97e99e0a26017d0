package org.pushplatform.routing.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks that a REST caller knows the app's secret. */
@ApplicationScoped
public class AppSecretVerifier {

    private final AppService apps;

    public AppSecretVerifier(AppService apps) {
        this.apps = apps;
    }

    /** The app when the secret is its own; fails with {@link WrongSecretException} otherwise. */
    public Uni<App> verify(String appkey, String secret) {
        return apps.findByAppkey(appkey).map(app -> {
            // constant-time: the secret must not leak through timing
            if (app == null || secret == null
                || !MessageDigest.isEqual(app.secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                throw new WrongSecretException();
            }
            return app;
        });
    }

    /** Unknown appkey or wrong secret: the two are not told apart. */
    public static final class WrongSecretException extends RuntimeException {
        public WrongSecretException() {
            super("unknown appkey or wrong secret", null, false, false);
        }
    }
}
