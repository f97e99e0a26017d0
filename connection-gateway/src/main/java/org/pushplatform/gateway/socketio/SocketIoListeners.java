package org.pushplatform.gateway.socketio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.node.ClientSocketStart;
import org.pushplatform.gateway.node.NodeEndpoints;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Starts one {@link SocketIoListener} per section of {@code push.gateway.socketio.<name>}, each with the adapter of
 * its API, and stops them on shutdown. A section naming an API without an adapter stops the start with a clear error.
 */
@ApplicationScoped
public class SocketIoListeners {

    private final GatewayConfig config;
    private final Map<String, SocketIoApiAdapter> adapters;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final NodeEndpoints endpoints;
    private final ClientSocketStart socketStart;
    private final List<SocketIoListener> started = new ArrayList<>();

    public SocketIoListeners(GatewayConfig config, Instance<SocketIoApiAdapter> adapters, InboundPublisher publisher,
                             LocalConnections connections, MeterRegistry metrics, NodeEndpoints endpoints,
                             ClientSocketStart socketStart) {
        this.socketStart = socketStart;
        this.endpoints = endpoints;
        this.config = config;
        this.adapters = adapters.stream().collect(Collectors.toMap(SocketIoApiAdapter::api, Function.identity()));
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
        metrics.gauge("push_gateway_connections", connections, LocalConnections::size);
    }

    void onStart(@Observes StartupEvent event) {
        config.gateway().socketio().forEach((name, listener) -> {
            SocketIoApiAdapter adapter = adapters.get(listener.api());
            if (adapter == null) {
                throw new IllegalStateException("push.gateway.socketio." + name + ".api is '" + listener.api()
                    + "': no such API; known: " + adapters.keySet());
            }
            for (SocketIoListener server : SocketIoListener.of(config.nodeId(), listener, adapter, publisher, connections, metrics,
                socketStart)) {
                server.start();
                started.add(server);
                endpoints.listening("socketio." + listener.api(), server.boundPort());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        started.forEach(SocketIoListener::stop);
    }

    /** The port the listener of {@code api} bound, for tests that configure port 0. */
    public int boundPort(String api) {
        return started.stream().filter(l -> l.api().equals(api)).findFirst()
            .orElseThrow(() -> new IllegalStateException("no listener for " + api)).boundPort();
    }
}
