package org.pushplatform.routing.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;
import org.pushplatform.routing.app.App;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.config.RoutingConfig;

/**
 * Holds each app to its quotas. A check that passes counts what it lets in, so that the next check sees it; a
 * refusal is a sentence the client is shown, and is counted in {@code push_quota_refusals_total{quota}}.
 */
@ApplicationScoped
public class QuotaGuard {

    private final AppService apps;
    private final AppUsage usage;
    private final RoutingConfig config;
    private final MeterRegistry metrics;

    public QuotaGuard(AppService apps, AppUsage usage, RoutingConfig config, MeterRegistry metrics) {
        this.apps = apps;
        this.usage = usage;
        this.config = config;
        this.metrics = metrics;
    }

    public AppQuotas quotasOf(App app) {
        return AppQuotas.of(app, config.appQuotaDefaults());
    }

    /** @return why one more connection of the app is refused, or null (and it is counted) */
    public Uni<String> connectionRefusal(String appkey) {
        return apps.findByAppkey(appkey).map(app -> {
            if (app == null) {
                return null;
            }
            int max = quotasOf(app).maxConnections();
            if (usage.of(appkey).connections() >= max) {
                return refused("connections", "too many connections: this app allows at most " + max);
            }
            usage.connectionAdmitted(appkey);
            return null;
        });
    }

    /** A connection admitted by {@link #connectionRefusal} was written in transaction {@code xid}, or not (null). */
    public void connectionSettled(String appkey, Long xid) {
        usage.connectionSettled(appkey, xid);
    }

    /** A message admitted by {@link #storedRefusals} was stored in transaction {@code xid}, or not (null). */
    public void storedSettled(String appkey, long bytes, Long xid) {
        usage.storedSettled(appkey, bytes, xid);
    }

    /**
     * Stored messages about to be stored, in order: each is checked as if those before it were stored already.
     *
     * @return for each, why it is refused, or null (and it is counted)
     */
    public Uni<List<String>> storedRefusals(List<String> appkeys, List<Long> bytes) {
        Set<String> distinct = new LinkedHashSet<>(appkeys);
        List<Uni<App>> lookups = distinct.stream().map(apps::findByAppkey).toList();
        return Uni.join().all(lookups).andFailFast().map(found -> {
            Map<String, App> byKey = new HashMap<>();
            found.stream().filter(Objects::nonNull).forEach(app -> byKey.put(app.appkey, app));
            List<String> refusals = new ArrayList<>(appkeys.size());
            for (int i = 0; i < appkeys.size(); i++) {
                App app = byKey.get(appkeys.get(i));
                refusals.add(app == null ? null : storedRefusal(app, bytes.get(i)));
            }
            return refusals;
        });
    }

    private String storedRefusal(App app, long bytes) {
        AppQuotas quotas = quotasOf(app);
        AppUsage.Counts used = usage.of(app.appkey);
        if (used.storedMessages() >= quotas.maxStoredMessages()) {
            return refused("stored-messages", "stored message quota reached: this app may keep at most "
                + quotas.maxStoredMessages() + " messages");
        }
        if (used.storedBytes() + bytes > quotas.maxStoredBytes()) {
            return refused("stored-bytes", "stored message quota reached: this app may keep at most " + quotas.maxStoredBytes() + " bytes");
        }
        usage.storedAdmitted(app.appkey, bytes);
        return null;
    }

    private String refused(String quota, String why) {
        metrics.counter("push_quota_refusals_total", "quota", quota).increment();
        return why;
    }
}
