package org.pushplatform.gateway.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One listener's counters (TCP, MQTT), looked up once per outcome and shared by its connections: a frame costs an
 * increment, not a registry lookup.
 */
public final class ListenerCounters {

    private final String api;
    private final MeterRegistry metrics;
    private final Map<String, Counter> frames = new ConcurrentHashMap<>();
    private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();
    private final Counter errors;

    public ListenerCounters(String api, MeterRegistry metrics) {
        this.api = api;
        this.metrics = metrics;
        // the same tags as the Socket.IO listeners' errors: Prometheus takes one set of tag names per metric
        this.errors = metrics.counter("push_gateway_errors_total", "api", api, "where", "channel");
    }

    /** {@code push_gateway_frames_total{api, outcome}}. */
    public void frame(String outcome) {
        frames.computeIfAbsent(outcome, o -> metrics.counter("push_gateway_frames_total", "api", api, "outcome", o)).increment();
    }

    /** {@code push_gateway_disconnects_total{api, reason}}. */
    public void disconnect(String reason) {
        disconnects.computeIfAbsent(reason, r -> metrics.counter("push_gateway_disconnects_total", "api", api, "reason", r)).increment();
    }

    public void error() {
        errors.increment();
    }
}
