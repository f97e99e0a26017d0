package org.pushplatform.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service JVM started from its Quarkus jar, with its log in a file and a health probe. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path logFile;
    private final Path javaBinary;
    private final Duration stopTimeout;
    private Process process;
    private Path runJar;
    private String heap;
    private Map<String, String> env;
    private List<String> jvmOptions;

    /** {@code stopTimeout}: how long a stop waits for the JVM to exit by itself (a training run writes its AOT recording then). */
    ServiceProcess(String name, int httpPort, Path logFile, Path javaBinary, Duration stopTimeout) {
        this.name = name;
        this.httpPort = httpPort;
        this.logFile = logFile;
        this.javaBinary = javaBinary;
        this.stopTimeout = stopTimeout;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    void start(Path runJar, String heap, Map<String, String> env, List<String> jvmOptions) throws IOException {
        this.runJar = runJar;
        this.heap = heap;
        this.env = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException(name + " is not built: " + runJar + " is missing (run ./mvnw package -DskipTests)");
        }
        Files.createDirectories(logFile.getParent());
        // full tiered compilation: the optimising JIT is what carries the delivery path under load
        List<String> command = new ArrayList<>(List.of(javaBinary.toString(), "-Xmx" + heap, "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(extraJvmOptions());
        command.addAll(List.of("-jar", runJar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        process = builder.start();
    }

    private static final int LAST_LINES = 25;

    /** The log's last lines: what a CI run that failed to start shows, as its data folder is gone afterwards. */
    private String lastLines(int count) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(logFile, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(the log cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Waits for the readiness probe; fails early, naming the log, if the JVM exits first. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; see " + logFile
                    + "; its last lines:\n" + lastLines(LAST_LINES));
            }
            if (isReady(httpUrl())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; see " + logFile);
    }

    /** Stops the service (at once, like a crash, when {@code kill}) and starts it again as before. */
    void restart(boolean kill) throws IOException, InterruptedException {
        if (kill && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } else {
            stop();
        }
        start(runJar, heap, env, jvmOptions);
    }

    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static boolean isReady(String httpUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code PUSH_JVM_OPTS}, split at spaces, with {@code {name}} standing for this service's name and {@code {module}}
     * for its module's (e.g. a file per service or per module).
     */
    private List<String> extraJvmOptions() {
        String options = System.getenv("PUSH_JVM_OPTS");
        if (options == null || options.isBlank()) {
            return List.of();
        }
        String module = runJar.toAbsolutePath().getParent().getParent().getParent().getFileName().toString();
        return java.util.Arrays.stream(options.trim().split("\\s+")).map(o -> o.replace("{name}", name).replace("{module}", module))
            .toList();
    }
}
