package org.pushplatform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ConnectionsByKindTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConnectionsByKind byKind = new ConnectionsByKind(registry);

    private Gauge gauge(String api, String transport) {
        return registry.find("push_gateway_api_connections").tags("api", api, "transport", transport).gauge();
    }

    @Test
    void aKindsGaugeIsRegisteredOnceAndStaysAtZeroWhenItsLastConnectionIsGone() {
        byKind.counted(Map.of("pubsub/socketio", 2, "mqtt/tcp", 1));
        Gauge pubsub = gauge("pubsub", "socketio");
        assertThat(pubsub.value()).isEqualTo(2);

        byKind.counted(Map.of("pubsub/socketio", 3));
        byKind.counted(Map.of());

        // the same meter all along, never removed and registered again (a scrape in between found none)
        assertThat(gauge("pubsub", "socketio")).isSameAs(pubsub);
        assertThat(pubsub.value()).isZero();
        assertThat(gauge("mqtt", "tcp").value()).isZero();
        assertThat(registry.find("push_gateway_api_connections").gauges()).hasSize(2);
    }
}
