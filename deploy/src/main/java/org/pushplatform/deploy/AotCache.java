package org.pushplatform.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's AOT cache of each service module (JEP 483 classes loaded and linked, JEP 515 method profiles), which lets a
 * service start in half the time and compile its hot paths sooner. {@code pushctl train} starts the platform with
 * {@link #recording} options, runs a load, stops it (each JVM writes what it saw), then {@link #createAll} turns each
 * module's recording into {@code <module>/target/quarkus-app/app.aot}, which every later start uses. A rebuilt jar no
 * longer matches its cache: the JVM says so in the service's log and runs without it.
 */
final class AotCache {

    private static final List<String> MODULES = List.of("routing-service", "connection-gateway", "chat-service", "device-service",
        "iot-service");

    private final Path home;
    private final Path recordings;
    private final ServiceJava java;
    private final boolean recording;
    private final Set<String> modulesRecorded = new HashSet<>();

    AotCache(Path home, Path dataDir, ServiceJava java, boolean recording) {
        this.home = home;
        this.recordings = dataDir.resolve("aot");
        this.java = java;
        this.recording = recording;
    }

    static Path jar(Path home, String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    boolean recording() {
        return recording;
    }

    /** The JVM options of one service: the first instance of a module records when training; otherwise its cache, if made. */
    List<String> options(String module) throws IOException {
        if (!java.hasAotCache()) {
            return List.of();
        }
        if (recording) {
            if (!modulesRecorded.add(module)) {
                return List.of();
            }
            Files.createDirectories(recordings);
            return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + recordingOf(module));
        }
        Path cache = cacheOf(module);
        return Files.isRegularFile(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    /** What {@code pushctl up} says about the caches: which modules have one. */
    String describe() throws IOException {
        if (!java.hasAotCache()) {
            return "no AOT cache (needs Java " + ServiceJava.AOT_CACHE_RELEASE + ")";
        }
        List<String> cached = MODULES.stream().filter(module -> Files.isRegularFile(cacheOf(module))).toList();
        return cached.isEmpty() ? "no AOT cache yet (./pushctl train makes one)" : "AOT cache for " + String.join(", ", cached);
    }

    /** Makes the cache of every module a training run recorded, one module after another (each takes a few seconds). */
    void createAll() throws IOException, InterruptedException {
        if (!java.hasAotCache()) {
            throw new IllegalStateException("the AOT cache needs Java " + ServiceJava.AOT_CACHE_RELEASE + " or later; the services run on " + java);
        }
        int made = 0;
        for (String module : MODULES) {
            Path recordingFile = recordingOf(module);
            if (!Files.isRegularFile(recordingFile) || Files.size(recordingFile) == 0) {
                PlatformLauncher.say(module + ": nothing recorded (" + recordingFile + "), no cache made");
                continue;
            }
            Path cache = cacheOf(module);
            Path log = recordings.resolve(module + "-create.log");
            Process create = new ProcessBuilder(java.binary().toString(), "-XX:AOTMode=create", "-XX:AOTConfiguration=" + recordingFile,
                "-XX:AOTCache=" + cache, "-jar", jar(home, module).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!create.waitFor(5, TimeUnit.MINUTES) || create.exitValue() != 0) {
                create.destroyForcibly();
                throw new IllegalStateException(module + ": the AOT cache was not made; see " + log);
            }
            PlatformLauncher.say(module + ": AOT cache " + cache + " (" + Files.size(cache) / (1024 * 1024) + " MB)");
            made++;
        }
        if (made == 0) {
            throw new IllegalStateException("no module recorded anything under " + recordings);
        }
    }

    private Path recordingOf(String module) {
        return recordings.resolve(module + ".aotconf");
    }

    private Path cacheOf(String module) {
        return home.resolve(module).resolve("target/quarkus-app/app.aot").toAbsolutePath();
    }
}
