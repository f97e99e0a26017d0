package org.pushplatform.gateway.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The node's live connections by API and transport ({@code push_gateway_api_connections{api,transport}}), from the
 * same count its heartbeats carry, refreshed with each heartbeat. A kind's gauge is registered the first time it is
 * counted and stays, at 0 when none is left: replacing the gauges at each count (Micrometer's MultiGauge) removed
 * them for an instant, and a scrape in that instant found the metric missing.
 */
final class ConnectionsByKind {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();

    ConnectionsByKind(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param counts by {@code <api>/<transport>} ({@link org.pushplatform.contract.Transports#countKey}) */
    void counted(Map<String, Integer> counts) {
        byKind.forEach((kind, count) -> count.set(counts.getOrDefault(kind, 0)));
        counts.forEach((kind, count) -> byKind.computeIfAbsent(kind, this::gaugeOf).set(count));
    }

    private AtomicInteger gaugeOf(String kind) {
        String[] apiAndTransport = kind.split("/", 2);
        AtomicInteger count = new AtomicInteger();
        Gauge.builder("push_gateway_api_connections", count, AtomicInteger::get)
            .description("live connections of this node by API and transport")
            .tags("api", apiAndTransport[0], "transport", apiAndTransport.length > 1 ? apiAndTransport[1] : "")
            .strongReference(true)
            .register(registry);
        return count;
    }
}
