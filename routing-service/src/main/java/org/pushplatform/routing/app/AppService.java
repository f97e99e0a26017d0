package org.pushplatform.routing.app;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Creates and looks up apps; lookups by appkey are cached because every connect asks, for at most
 * {@link #CACHED_FOR}, so that a secret rotated on one routing instance is in force on every instance soon after.
 */
@ApplicationScoped
public class AppService {

    private static final Logger LOG = Logger.getLogger(AppService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppRepository apps;
    static final Duration CACHED_FOR = Duration.ofSeconds(30);

    private record Cached(App app, long loadedAtNanos) {
        boolean fresh() {
            return System.nanoTime() - loadedAtNanos < CACHED_FOR.toNanos();
        }
    }

    private final Map<String, Cached> byAppkey = new ConcurrentHashMap<>();

    public AppService(AppRepository apps) {
        this.apps = apps;
    }

    /** The app of this key, or null when there is none. */
    public Uni<App> findByAppkey(String appkey) {
        Cached cached = byAppkey.get(appkey);
        if (cached != null && cached.fresh()) {
            return Uni.createFrom().item(cached.app());
        }
        return Panache.withSession(() -> apps.findByAppkey(appkey))
            .invoke(app -> {
                if (app != null) {
                    byAppkey.put(appkey, new Cached(app, System.nanoTime()));
                }
            });
    }

    public Uni<List<App>> list() {
        return Panache.withSession(apps::listByCreation);
    }

    /** A new app with a random 24-hex appkey (the seed's format) and secret, or the given appkey. */
    public Uni<App> create(String name, String appkey) {
        App app = new App();
        app.name = name;
        app.appkey = appkey != null ? appkey : randomHex(12);
        app.secret = randomHex(16);
        app.createdAt = OffsetDateTime.now();
        return Panache.withTransaction(() -> apps.persist(app))
            .invoke(created -> LOG.infof("[routing] app %s (%s) created", created.appkey, created.name));
    }

    /** A new secret for the app: in force at once here, on other instances within {@link #CACHED_FOR}; null when there is none. */
    public Uni<App> rotateSecret(String appkey) {
        return Panache.withTransaction(() -> apps.findByAppkey(appkey).invoke(app -> {
            if (app != null) {
                app.secret = randomHex(16);
            }
        })).invoke(app -> {
            if (app != null) {
                byAppkey.put(appkey, new Cached(app, System.nanoTime()));
                LOG.infof("[routing] app %s has a new secret", appkey);
            }
        });
    }

    /** Whether connect_v2 must be signed, in force as quotas are. @return the app, or null when there is none */
    public Uni<App> requireSignedConnect(String appkey, boolean required) {
        return Panache.withTransaction(() -> apps.findByAppkey(appkey).invoke(app -> {
            if (app != null) {
                app.signedConnect = required;
            }
        })).invoke(app -> {
            if (app != null) {
                byAppkey.put(appkey, new Cached(app, System.nanoTime()));
                LOG.infof("[routing] app %s %s a signed connect", appkey, required ? "requires" : "no longer requires");
            }
        });
    }

    /**
     * Sets the app's own quotas; a null leaves that one as it was. In force at once here, on other instances within
     * {@link #CACHED_FOR}. @return the app, or null when there is none
     */
    public Uni<App> setQuotas(String appkey, Integer maxConnections, Long maxStoredMessages, Long maxStoredBytes) {
        return Panache.withTransaction(() -> apps.findByAppkey(appkey).invoke(app -> {
            if (app != null) {
                app.maxConnections = maxConnections != null ? maxConnections : app.maxConnections;
                app.maxStoredMessages = maxStoredMessages != null ? maxStoredMessages : app.maxStoredMessages;
                app.maxStoredBytes = maxStoredBytes != null ? maxStoredBytes : app.maxStoredBytes;
            }
        })).invoke(app -> {
            if (app != null) {
                byAppkey.put(appkey, new Cached(app, System.nanoTime()));
                LOG.infof("[routing] app %s has new quotas", appkey);
            }
        });
    }

    /** Creates the demo app on first start; later starts find it, as does an instance that lost the race to create it. */
    public Uni<App> ensureApp(String name, String appkey) {
        return findByAppkey(appkey).onItem().ifNull().switchTo(() -> create(name, appkey)
            .onFailure().recoverWithUni(failure -> findByAppkey(appkey)));
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
