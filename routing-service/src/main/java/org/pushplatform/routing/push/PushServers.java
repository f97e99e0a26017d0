package org.pushplatform.routing.push;

import org.pushplatform.contract.Transports;
import org.pushplatform.contract.IntercomRoom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pushplatform.routing.presence.GatewayLoad;

/**
 * The push-server API's view of the gateway nodes, from the counts each reports in its heartbeats: {@code /info}
 * (per host), {@code /info/servers} (the least loaded node) and TCP type 7 (the cluster's totals).
 */
@ApplicationScoped
public class PushServers {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String TCP = Transports.countKey(PushPublishing.API, Transports.TCP);
    static final String SOCKET_IO = Transports.countKey(PushPublishing.API, Transports.SOCKET_IO);
    static final String CAPTURE_ROOMS = Transports.countKey(PushPublishing.API, Transports.intercom(IntercomRoom.CAPTURE));
    static final String CALL_ROOMS = Transports.countKey(PushPublishing.API, Transports.intercom(IntercomRoom.CALL));

    private final GatewayLoad load;
    private final int restPort;

    public PushServers(GatewayLoad load, @ConfigProperty(name = "quarkus.http.port") int restPort) {
        this.load = load;
        this.restPort = restPort;
    }

    /**
     * {@code {<host>: {webSocketSize, channelSize, onlineAllSize, socketIOSize}}}: nodes on one host add up.
     * socketIOSize counts every API's Socket.IO connections, onlineAllSize every connection of the node.
     */
    public ObjectNode perHost() {
        ObjectNode hosts = JSON.objectNode();
        for (GatewayLoad.Node node : load.live()) {
            ObjectNode host = hosts.has(node.heartbeat().host()) ? (ObjectNode) hosts.get(node.heartbeat().host())
                : hosts.putObject(node.heartbeat().host()).put("webSocketSize", 0).put("channelSize", 0).put("onlineAllSize", 0)
                    .put("socketIOSize", 0);
            add(host, "webSocketSize", node.count(CAPTURE_ROOMS) + node.count(CALL_ROOMS));
            add(host, "channelSize", node.count(TCP));
            add(host, "onlineAllSize", node.heartbeat().connections());
            add(host, "socketIOSize", socketIo(node));
        }
        return hosts;
    }

    /** {@code {service: {rest, webSocket, socket, push}, host}} of the node with the fewest connections; empty when none is up. */
    public Optional<ObjectNode> leastLoaded() {
        return load.live().stream().min(Comparator.comparingInt(n -> n.heartbeat().connections())).map(node -> {
            Map<String, Integer> ports = node.heartbeat().ports() == null ? Map.of() : node.heartbeat().ports();
            ObjectNode reply = JSON.objectNode();
            ObjectNode service = reply.putObject("service").put("rest", restPort);
            putPort(service, "webSocket", ports.get("http"));
            putPort(service, "socket", ports.get("socketio." + PushPublishing.API));
            putPort(service, "push", ports.get("tcp." + PushPublishing.API));
            return reply.put("host", node.heartbeat().host());
        });
    }

    /** TCP type 7: {@code {One2OneSize, One2ManySize, Many2ManySize, channelSize}} over every live node. */
    public ObjectNode totals() {
        List<GatewayLoad.Node> nodes = load.live();
        return JSON.objectNode()
            .put("One2OneSize", sum(nodes, n -> n.count(CALL_ROOMS)))
            .put("One2ManySize", sum(nodes, n -> n.count(CAPTURE_ROOMS)))
            .put("Many2ManySize", sum(nodes, n -> n.count(SOCKET_IO)))
            .put("channelSize", sum(nodes, n -> n.count(TCP)));
    }

    private static int socketIo(GatewayLoad.Node node) {
        Map<String, Integer> counts = node.heartbeat().counts();
        return counts == null ? 0 : counts.entrySet().stream().filter(e -> e.getKey().endsWith("/" + Transports.SOCKET_IO)).mapToInt(Map.Entry::getValue).sum();
    }

    private static int sum(List<GatewayLoad.Node> nodes, ToIntFunction<GatewayLoad.Node> count) {
        return nodes.stream().mapToInt(count).sum();
    }

    private static void add(ObjectNode host, String field, int more) {
        host.put(field, host.get(field).asInt() + more);
    }

    private static void putPort(ObjectNode service, String name, Integer port) {
        if (port != null) {
            service.put(name, port);
        }
    }
}
