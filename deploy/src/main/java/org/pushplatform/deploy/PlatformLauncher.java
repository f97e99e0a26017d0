package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code pushctl up}: Kafka, PostgreSQL and every service on this machine, until Ctrl-C or {@code pushctl down}. */
final class PlatformLauncher {

    static final String DEMO_APPKEY = "52fcc04c4dc903d66d6f8f92";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    // a gateway drains its clients first (PUSH_GATEWAY_DRAIN_PERIOD 10 s and _GRACE 5 s by default), then says farewell
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A JVM that recorded a training run writes its recording as it exits: seconds each, longer with seven on two cores. */
    private static final Duration RECORDING_STOP_TIMEOUT = Duration.ofSeconds(150);

    private final Path home;
    private final Path dataDir;
    private final int gateways;
    private final int routers;
    private final int deviceServices;
    private final int chatServices;
    private final ServiceJava java = ServiceJava.find();
    private final AotCache aotCache;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<ServiceProcess, Map<String, String>> gatewayEndpoints = new LinkedHashMap<>();
    private Infrastructure infra;

    PlatformLauncher(CommandLine options) {
        this.home = RunState.home();
        this.dataDir = RunState.dataDir(options);
        this.gateways = options.integer("--gateways", 1);
        this.routers = options.integer("--routers", 1);
        this.deviceServices = options.integer("--device-services", 1);
        this.chatServices = options.integer("--chat-services", 1);
        this.aotCache = new AotCache(home, dataDir, java, options.flag("--aot-record"));
    }

    void up() throws Exception {
        RunState state = new RunState(dataDir);
        state.refuseIfRunning();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "pushctl-shutdown"));
        try {
            say("data in " + dataDir);
            say("starting Kafka (KRaft) and PostgreSQL ...");
            infra = Infrastructure.start(dataDir, Ports.free(), Ports.free());
            say("Kafka at " + infra.kafkaBootstrapServers() + ", PostgreSQL at " + infra.postgres().jdbcUrl());
            say("services run on " + java + ", " + (aotCache.recording() ? "recording a training run for the AOT cache"
                : aotCache.describe()));
            String adminToken = AdminTokenFile.readOrCreate(dataDir);
            startServices(adminToken);
            for (ServiceProcess service : services) {
                say("waiting for " + service.name() + " (log: " + service.logFile() + ") ...");
                service.awaitReady(START_TIMEOUT);
            }
            ObjectNode json = stateJson(adminToken);
            state.write(json);
            new RestartRequests(dataDir, this::restart).startServing();
            printEndpoints(json);
        } catch (Exception e) {
            System.err.println("[pushctl] FAILED: " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    private void startServices(String adminToken) throws IOException {
        Map<String, String> common = new LinkedHashMap<>(infra.serviceEnvironment());
        common.put("PUSH_ADMIN_TOKEN", adminToken);
        common.put("PUSH_DEMO_APPKEY", DEMO_APPKEY);
        start("routing-service", port("routing REST", 9900), "384m", common);
        for (int i = 2; i <= routers; i++) {
            start("routing-service-" + i, "routing-service", Ports.free(), "384m", common);
        }
        for (int i = 1; i <= gateways; i++) {
            String nodeId = "gw-" + i;
            Map<String, String> env = new LinkedHashMap<>(common);
            Map<String, String> endpoints = new LinkedHashMap<>();
            int pubsubPort = i == 1 ? port("pubsub Socket.IO of " + nodeId, 3000) : Ports.free();
            env.put("PUSH_NODE_ID", nodeId);
            env.put("PUSH_GATEWAY_ADVERTISED_HOST", "127.0.0.1");
            env.put("PUSH_GATEWAY_PUBSUB_PORT", String.valueOf(pubsubPort));
            endpoints.put("pubsub", "http://127.0.0.1:" + pubsubPort);
            int pushPort = i == 1 ? port("push-server Socket.IO of " + nodeId, 9906) : Ports.free();
            env.put("PUSH_GATEWAY_PUSH_PORT", String.valueOf(pushPort));
            endpoints.put("push", "http://127.0.0.1:" + pushPort);
            int pushTcpPort = i == 1 ? port("push-server TCP of " + nodeId, 9800) : Ports.free();
            env.put("PUSH_GATEWAY_PUSH_TCP_PORT", String.valueOf(pushTcpPort));
            endpoints.put("pushTcp", "127.0.0.1:" + pushTcpPort);
            int devicePort = i == 1 ? port("device Socket.IO of " + nodeId, 3001) : Ports.free();
            env.put("PUSH_GATEWAY_DEVICE_PORT", String.valueOf(devicePort));
            endpoints.put("device", "http://127.0.0.1:" + devicePort);
            int chatPort = i == 1 ? port("chat Socket.IO of " + nodeId, 3002) : Ports.free();
            env.put("PUSH_GATEWAY_CHAT_PORT", String.valueOf(chatPort));
            endpoints.put("chat", "http://127.0.0.1:" + chatPort);
            int mqttPort = i == 1 ? port("MQTT of " + nodeId, 1883) : Ports.free();
            env.put("PUSH_GATEWAY_MQTT_PORT", String.valueOf(mqttPort));
            endpoints.put("mqtt", "mqtt://127.0.0.1:" + mqttPort);
            int httpPort = i == 1 ? port("gateway HTTP of " + nodeId, 9000) : Ports.free();
            ServiceProcess gateway = start("connection-gateway-" + i, "connection-gateway", httpPort, "384m", env);
            gatewayEndpoints.put(gateway, endpoints);
        }
        start("chat-service", port("chat REST", 8081), "256m", common);
        for (int i = 2; i <= chatServices; i++) {
            start("chat-service-" + i, "chat-service", Ports.free(), "256m", common);
        }
        start("device-service", port("device REST", 8082), "256m", common);
        for (int i = 2; i <= deviceServices; i++) {
            start("device-service-" + i, "device-service", Ports.free(), "256m", common);
        }
        start("iot-service", port("iot REST", 8083), "192m", common);
    }

    private void start(String module, int httpPort, String heap, Map<String, String> env) throws IOException {
        start(module, module, httpPort, heap, env);
    }

    private ServiceProcess start(String name, String module, int httpPort, String heap, Map<String, String> env) throws IOException {
        ServiceProcess service = new ServiceProcess(name, httpPort, dataDir.resolve("logs").resolve(name + ".log"), java.binary(),
            aotCache.recording() ? RECORDING_STOP_TIMEOUT : STOP_TIMEOUT);
        say("starting " + name + " on HTTP port " + httpPort);
        service.start(AotCache.jar(home, module), heap, env, aotCache.options(module));
        services.add(service);
        return service;
    }

    /** The documented default port when it is free; otherwise a free one, said aloud. */
    private static int port(String what, int preferred) {
        if (Ports.isFree(preferred)) {
            return preferred;
        }
        int chosen = Ports.free();
        say("port " + preferred + " (" + what + ") is taken on this machine; using " + chosen + " instead");
        return chosen;
    }

    private ObjectNode stateJson(String adminToken) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("launcherPid", ProcessHandle.current().pid());
        json.put("dataDir", dataDir.toString());
        json.put("kafka", infra.kafkaBootstrapServers());
        json.put("postgres", infra.postgres().jdbcUrl());
        ArrayNode gatewayArray = json.putArray("gateways");
        ObjectNode serviceMap = json.putObject("services");
        for (ServiceProcess service : services) {
            ObjectNode node = serviceMap.putObject(service.name());
            node.put("http", service.httpUrl());
            node.put("pid", service.pid());
            node.put("log", service.logFile().toString());
            Map<String, String> endpoints = gatewayEndpoints.get(service);
            if (endpoints != null) {
                ObjectNode gateway = gatewayArray.addObject();
                gateway.put("nodeId", "gw-" + gatewayArray.size());
                gateway.put("http", service.httpUrl());
                endpoints.forEach(gateway::put);
                gateway.put("service", service.name());
            } else if (service.name().startsWith("routing-service")) {
                if (!json.has("routing")) {
                    json.put("routing", service.httpUrl());
                }
                json.withArray("routers").addObject().put("service", service.name()).put("http", service.httpUrl());
            } else if (service.name().startsWith("chat-service")) {
                if (!json.has("chat")) {
                    json.put("chat", service.httpUrl());
                }
                json.withArray("chatServices").addObject().put("service", service.name()).put("http", service.httpUrl());
            } else if (service.name().startsWith("device-service")) {
                if (!json.has("device")) {
                    json.put("device", service.httpUrl());
                }
                json.withArray("deviceServices").addObject().put("service", service.name()).put("http", service.httpUrl());
            } else if (service.name().startsWith("iot-service")) {
                json.put("iot", service.httpUrl());
            }
        }
        ObjectNode demo = json.putObject("demo");
        demo.put("appkey", DEMO_APPKEY);
        demo.put("adminToken", adminToken);
        return json;
    }

    private static void printEndpoints(ObjectNode json) {
        say("all services are ready");
        json.get("gateways").forEach(g -> say(String.format(
            "  %-6s pubsub Socket.IO %s   push Socket.IO %s   push TCP %s   device Socket.IO %s (path /socket/socket.io)"
                + "   chat Socket.IO %s   MQTT %s   HTTP %s",
            g.get("nodeId").asText(), g.get("pubsub").asText(), g.get("push").asText(), g.get("pushTcp").asText(),
            g.get("device").asText(), g.get("chat").asText(), g.path("mqtt").asText("-"), g.get("http").asText())));
        json.get("routers").forEach(r -> say(String.format("  %-17s %s", r.get("service").asText(), r.get("http").asText())));
        json.get("services").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("connection-gateway") && !e.getKey().startsWith("routing-service")) {
                say(String.format("  %-17s %s", e.getKey(), e.getValue().get("http").asText()));
            }
        });
        say("  demo appkey    " + json.get("demo").get("appkey").asText());
        say("  admin token    " + json.get("demo").get("adminToken").asText());
        say("press Ctrl-C (or run ./pushctl down) to stop everything");
    }

    /** {@code pushctl restart <kafka|postgres|service> [--kill]}, done here, where the processes are. */
    private String restart(String component, boolean kill) throws Exception {
        long started = System.currentTimeMillis();
        switch (component) {
            case "kafka" -> infra.restartKafka();
            case "postgres" -> infra.restartPostgres();
            default -> {
                ServiceProcess service = services.stream().filter(s -> s.name().equals(component)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no component '" + component + "': kafka, postgres or one of "
                        + services.stream().map(ServiceProcess::name).toList()));
                service.restart(kill);
                service.awaitReady(START_TIMEOUT);
                RunState state = new RunState(dataDir);
                state.read().ifPresent(json -> {
                    ((ObjectNode) json.get("services").get(component)).put("pid", service.pid());
                    state.write(json);
                });
            }
        }
        String done = component + (kill ? " killed and" : "") + " restarted in " + (System.currentTimeMillis() - started) + " ms";
        say(done);
        return done;
    }

    private void stopAll() {
        say("stopping ...");
        services.parallelStream().forEach(ServiceProcess::stop);
        if (infra != null) {
            infra.close();
        }
        new RunState(dataDir).clear();
        say("stopped");
    }

    static void say(String line) {
        System.out.println("[pushctl] " + line);
        System.out.flush();
    }
}
