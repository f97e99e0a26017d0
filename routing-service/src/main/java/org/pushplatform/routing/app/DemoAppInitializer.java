package org.pushplatform.routing.app;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.pushplatform.routing.config.RoutingConfig;

/** Makes sure a demo app exists, so a fresh platform can be tried with the seed's own examples. */
@ApplicationScoped
public class DemoAppInitializer {

    void onStart(@Observes StartupEvent event, AppService apps, RoutingConfig config) throws Throwable {
        // Hibernate Reactive needs a Vert.x context; start-up runs on the main thread
        VertxContextSupport.subscribeAndAwait(() -> apps.ensureApp("demo", config.demoAppkey()));
    }
}
