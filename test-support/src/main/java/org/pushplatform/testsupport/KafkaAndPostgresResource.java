package org.pushplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a real Kafka broker and a real PostgreSQL. They run in a child JVM started from the
 * project's own launcher ({@code deploy/target/push-deploy.jar infra}), once per test JVM, and die with it.
 * Set {@code PUSH_TEST_KAFKA_BOOTSTRAP} and {@code PUSH_TEST_POSTGRES_URL} (host:port/db) to use running ones instead.
 */
public class KafkaAndPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static Map<String, String> infrastructure;

    @Override
    public synchronized Map<String, String> start() {
        if (infrastructure == null) {
            infrastructure = fromEnvironment().orElseGet(KafkaAndPostgresResource::startChildInfrastructure);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.get("KAFKA_BOOTSTRAP_SERVERS"));
        config.put("quarkus.datasource.reactive.url", infrastructure.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        config.put("quarkus.datasource.jdbc.url", infrastructure.get("QUARKUS_DATASOURCE_JDBC_URL"));
        config.put("quarkus.datasource.username", infrastructure.get("QUARKUS_DATASOURCE_USERNAME"));
        config.put("quarkus.datasource.password", infrastructure.get("QUARKUS_DATASOURCE_PASSWORD"));
        return config;
    }

    @Override
    public void stop() {
        // the child infrastructure is shared by every test of this JVM and ends with it
    }

    private static java.util.Optional<Map<String, String>> fromEnvironment() {
        String kafka = System.getenv("PUSH_TEST_KAFKA_BOOTSTRAP");
        String postgres = System.getenv("PUSH_TEST_POSTGRES_URL");
        if (kafka == null || postgres == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka,
            "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + postgres,
            "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + postgres,
            "QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("PUSH_TEST_POSTGRES_USER", "postgres"),
            "QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("PUSH_TEST_POSTGRES_PASSWORD", "")));
    }

    private static Map<String, String> startChildInfrastructure() {
        try {
            Path dir = Files.createTempDirectory("push-test-infra");
            Path ready = dir.resolve("ready.json");
            Path log = dir.resolve("infra.log");
            Process process = new ProcessBuilder(javaBinary(), "-Xmx384m", "-jar", launcherJar().toString(),
                "infra", "--data-dir", dir.toString(), "--ready-file", ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            // stdin stays open while this JVM lives; the child exits when it closes
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (!Files.exists(ready)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("test infrastructure did not start; see " + log + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            return new ObjectMapper().readValue(ready.toFile(), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path launcherJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("deploy/target/push-deploy.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("deploy/target/push-deploy.jar not found above " + Path.of("").toAbsolutePath()
            + "; build the project from its root (./mvnw verify)");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
