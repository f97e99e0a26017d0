package org.pushplatform.gateway.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pushplatform.gateway.config.GatewayConfig;

/**
 * Where clients reach this node: the host it advertises ({@code PUSH_GATEWAY_ADVERTISED_HOST}, else this machine's
 * address; in Kubernetes the pod's IP) and each listener's port, as the listeners bound them. Sent in every heartbeat,
 * so that routing can point clients at the least loaded node (the push-server API's {@code /info/servers}).
 */
@ApplicationScoped
public class NodeEndpoints {

    /** The gateway's HTTP port (metrics, health, the intercom WebSockets). */
    public static final String HTTP = "http";

    private final String host;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    public NodeEndpoints(GatewayConfig config, @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.host = config.gateway().advertisedHost().filter(h -> !h.isBlank()).orElseGet(NodeEndpoints::localAddress);
        ports.put(HTTP, httpPort);
    }

    /** A listener bound its port: {@code socketio.<api>}, {@code tcp.<api>}. */
    public void listening(String name, int port) {
        ports.put(name, port);
    }

    public String host() {
        return host;
    }

    public Map<String, Integer> ports() {
        return new TreeMap<>(ports);
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
