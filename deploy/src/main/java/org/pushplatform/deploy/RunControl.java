package org.pushplatform.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code pushctl status}, {@code down} and {@code restart}, working from the state file of a running platform. */
final class RunControl {

    private final RunState state;
    private final java.nio.file.Path dataDir;

    RunControl(CommandLine options) {
        this.dataDir = RunState.dataDir(options);
        this.state = new RunState(dataDir);
    }

    /** Restarts Kafka, PostgreSQL or one service of the running platform; {@code kill} stops it like a crash. */
    int restart(String component, boolean kill) throws java.io.IOException, InterruptedException {
        if (state.read().filter(json -> isAlive(json.get("launcherPid").asLong())).isEmpty()) {
            System.out.println("[pushctl] the platform is not running");
            return 3;
        }
        System.out.println("[pushctl] restarting " + component + (kill ? " (killed first)" : "") + " ...");
        return new RestartRequests(dataDir, null).ask(component, kill);
    }

    /** Prints each service's health; exit code 0 when all are healthy, 1 when some are not, 3 when not running. */
    int status(boolean asJson) {
        Optional<ObjectNode> running = state.read().filter(json -> isAlive(json.get("launcherPid").asLong()));
        if (running.isEmpty()) {
            System.out.println(asJson ? "{\"running\": false}" : "[pushctl] the platform is not running");
            return 3;
        }
        ObjectNode json = running.get();
        boolean allHealthy = true;
        for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) json.get("services")::fields) {
            boolean healthy = ServiceProcess.isReady(entry.getValue().get("http").asText());
            ((ObjectNode) entry.getValue()).put("healthy", healthy);
            allHealthy &= healthy;
        }
        for (JsonNode gateway : json.get("gateways")) {
            ((ObjectNode) gateway).put("healthy", json.get("services").get(gateway.get("service").asText()).get("healthy").asBoolean());
        }
        json.put("running", true);
        json.put("healthy", allHealthy);
        if (asJson) {
            System.out.println(json.toPrettyString());
        } else {
            json.get("services").fields().forEachRemaining(e -> System.out.printf("%-22s %-8s %s%n", e.getKey(),
                e.getValue().get("healthy").asBoolean() ? "healthy" : "DOWN", e.getValue().get("http").asText()));
        }
        return allHealthy ? 0 : 1;
    }

    void down() throws InterruptedException {
        Optional<ProcessHandle> launcher = state.read()
            .flatMap(json -> ProcessHandle.of(json.get("launcherPid").asLong()));
        if (launcher.isEmpty() || !launcher.get().isAlive()) {
            System.out.println("[pushctl] the platform is not running");
            state.clear();
            return;
        }
        System.out.println("[pushctl] stopping the platform (launcher pid " + launcher.get().pid() + ") ...");
        launcher.get().destroy();
        // a training run's services write their AOT recordings as they exit (PlatformLauncher.RECORDING_STOP_TIMEOUT)
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (launcher.get().isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        if (launcher.get().isAlive()) {
            launcher.get().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.get().destroyForcibly();
        }
        System.out.println("[pushctl] stopped");
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
