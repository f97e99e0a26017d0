package org.pushplatform.gateway.messaging;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The node's live connections by API and transport ({@code push_gateway_api_connections{api,transport}}), from the
 * same count its heartbeats carry, refreshed with each heartbeat.
 */
final class ConnectionsByKind {

    private final MultiGauge gauge;

    ConnectionsByKind(MeterRegistry registry) {
        gauge = MultiGauge.builder("push_gateway_api_connections").description("live connections of this node by API and transport")
            .register(registry);
    }

    /** @param counts by {@code <api>/<transport>} ({@link org.pushplatform.contract.Transports#countKey}) */
    void counted(Map<String, Integer> counts) {
        gauge.register(counts.entrySet().stream().<MultiGauge.Row<?>>map(kind -> {
            String[] apiAndTransport = kind.getKey().split("/", 2);
            return MultiGauge.Row.of(Tags.of("api", apiAndTransport[0], "transport", apiAndTransport.length > 1 ? apiAndTransport[1] : ""),
                kind.getValue());
        }).toList(), true);
    }
}
