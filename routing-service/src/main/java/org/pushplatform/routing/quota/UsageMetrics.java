package org.pushplatform.routing.quota;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Each app's usage as counted for its quotas, for dashboards: {@code push_app_connections}, {@code
 * push_app_stored_messages} (the backlog kept for receivers) and {@code push_app_stored_bytes}, one series per app that
 * has any, tagged {@code app} with its appkey. As many series as apps in use: an operator with very many tenants
 * drops the tag in Prometheus's relabelling.
 */
final class UsageMetrics {

    private final MultiGauge connections;
    private final MultiGauge storedMessages;
    private final MultiGauge storedBytes;

    UsageMetrics(MeterRegistry registry) {
        connections = MultiGauge.builder("push_app_connections").description("live connections of an app").register(registry);
        storedMessages = MultiGauge.builder("push_app_stored_messages")
            .description("messages kept for receivers that have not received them, of an app").register(registry);
        storedBytes = MultiGauge.builder("push_app_stored_bytes").description("bytes of an app's stored messages").register(registry);
    }

    /** The counts of the last refresh; an app no longer counted loses its series. */
    void counted(Map<String, AppUsage.Counts> byApp) {
        connections.register(rows(byApp, AppUsage.Counts::connections), true);
        storedMessages.register(rows(byApp, AppUsage.Counts::storedMessages), true);
        storedBytes.register(rows(byApp, AppUsage.Counts::storedBytes), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, AppUsage.Counts> byApp, ToLongFunction<AppUsage.Counts> value) {
        return byApp.entrySet().stream()
            .<MultiGauge.Row<?>>map(app -> MultiGauge.Row.of(Tags.of("app", app.getKey()), value.applyAsLong(app.getValue())))
            .toList();
    }
}
