package org.pushplatform.gateway.tcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One TCP listener's counters, looked up once per outcome and shared by its connections: a frame costs an
 * increment, not a registry lookup.
 */
final class TcpCounters {

    private final String api;
    private final MeterRegistry metrics;
    private final Map<String, Counter> frames = new ConcurrentHashMap<>();
    private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();
    private final Counter errors;

    TcpCounters(String api, MeterRegistry metrics) {
        this.api = api;
        this.metrics = metrics;
        this.errors = metrics.counter("push_gateway_errors_total", "api", api);
    }

    /** {@code push_gateway_frames_total{api, outcome}}. */
    void frame(String outcome) {
        frames.computeIfAbsent(outcome, o -> metrics.counter("push_gateway_frames_total", "api", api, "outcome", o)).increment();
    }

    /** {@code push_gateway_disconnects_total{api, reason}}. */
    void disconnect(String reason) {
        disconnects.computeIfAbsent(reason, r -> metrics.counter("push_gateway_disconnects_total", "api", api, "reason", r)).increment();
    }

    void error() {
        errors.increment();
    }
}
