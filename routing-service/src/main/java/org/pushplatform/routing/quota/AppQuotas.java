package org.pushplatform.routing.quota;

import org.pushplatform.routing.app.App;
import org.pushplatform.routing.config.RoutingConfig;

/** The limits one app is held to: its own where it set them, the platform's defaults elsewhere. */
public record AppQuotas(int maxConnections, long maxStoredMessages, long maxStoredBytes) {

    public static AppQuotas of(App app, RoutingConfig.AppQuotaDefaults defaults) {
        return new AppQuotas(app.maxConnections != null ? app.maxConnections : defaults.maxConnections(),
            app.maxStoredMessages != null ? app.maxStoredMessages : defaults.maxStoredMessages(),
            app.maxStoredBytes != null ? app.maxStoredBytes : defaults.maxStoredBytes());
    }
}
