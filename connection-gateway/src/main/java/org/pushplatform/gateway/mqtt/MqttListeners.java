package org.pushplatform.gateway.mqtt;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.gateway.config.GatewayConfig;
import org.pushplatform.gateway.messaging.InboundPublisher;
import org.pushplatform.gateway.node.ClientSocketStart;
import org.pushplatform.gateway.node.NettyServers;
import org.pushplatform.gateway.node.NodeEndpoints;
import org.pushplatform.gateway.session.ListenerCounters;
import org.pushplatform.gateway.session.LocalConnections;

/**
 * Starts one Netty server per section of {@code push.gateway.mqtt.<name>}: {@link MqttPacketFramer} (whole packets,
 * bounded by the listener's largest packet), Netty's MQTT decoder and encoder, a timer that closes a connection silent past its keep alive (before
 * CONNECT: the connect timeout), write-buffer water marks, and a {@link MqttConnectionHandler} per connection.
 */
@ApplicationScoped
public class MqttListeners {

    private static final Logger LOG = Logger.getLogger(MqttListeners.class);

    private final GatewayConfig config;
    private final InboundPublisher publisher;
    private final LocalConnections connections;
    private final MeterRegistry metrics;
    private final NodeEndpoints endpoints;
    private final ClientSocketStart socketStart;
    private NettyServers servers;

    public MqttListeners(GatewayConfig config, InboundPublisher publisher, LocalConnections connections, MeterRegistry metrics,
                         NodeEndpoints endpoints, ClientSocketStart socketStart) {
        this.socketStart = socketStart;
        this.config = config;
        this.publisher = publisher;
        this.connections = connections;
        this.metrics = metrics;
        this.endpoints = endpoints;
    }

    /** After the node id is claimed, like the other listeners. */
    void onStart(@Observes StartupEvent event) throws InterruptedException {
        var listeners = config.gateway().mqtt().entrySet().stream().filter(e -> e.getValue().enabled()).toList();
        if (listeners.isEmpty()) {
            return;
        }
        servers = new NettyServers(socketStart);
        for (var entry : listeners) {
            GatewayConfig.MqttListener listener = entry.getValue();
            ListenerCounters counters = new ListenerCounters(MqttApi.API, metrics);
            int port = servers.bind(listener.port(), listener.maxOutboundBytes(), listener.tls(), pipeline -> pipeline
                .addLast(MqttConnectionHandler.IDLE, new IdleStateHandler(listener.connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(new MqttPacketFramer(listener.maxPacketBytes()))
                // whole packets only, within the limit already: the decoder's own limit never acts
                .addLast(new MqttDecoder(listener.maxPacketBytes() + 8))
                .addLast(MqttEncoder.INSTANCE)
                .addLast(new MqttConnectionHandler(listener, publisher, connections, counters, metrics)));
            endpoints.listening(MqttApi.API + "." + entry.getKey(), port);
            LOG.infof("[%s] MQTT (%s) listening on port %d%s", config.nodeId(), entry.getKey(), port, listener.tls() ? " (TLS)" : "");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (servers != null) {
            servers.close();
        }
    }
}
