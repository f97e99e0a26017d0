package org.pushplatform.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Kafka and PostgreSQL for one local platform, started side by side because each takes seconds. */
public final class Infrastructure implements AutoCloseable {

    private final Path dataDir;
    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;

    private Infrastructure(Path dataDir, EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static Infrastructure start(Path dataDir, int kafkaPort, int postgresPort) {
        var kafka = CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort)));
        var postgres = CompletableFuture.supplyAsync(() -> unchecked(() -> EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort)));
        try {
            return new Infrastructure(dataDir, kafka.join(), postgres.join());
        } catch (CompletionException e) {
            kafka.thenAccept(EmbeddedKafka::close);
            postgres.thenAccept(EmbeddedPostgresServer::close);
            throw new IllegalStateException("infrastructure failed to start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops the broker and starts it again on the same port and data, as an operator's restart would. */
    public synchronized void restartKafka() throws java.io.IOException {
        int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
        kafka.close();
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), port);
    }

    /** Stops PostgreSQL and starts it again on the same port and data. */
    public synchronized void restartPostgres() throws java.io.IOException {
        int port = postgres.port();
        postgres.close();
        postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), port);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The settings every Quarkus service needs to reach this infrastructure, as environment variables. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        return env;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    /** A start-up step that may throw a checked exception. */
    private interface Step<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Step<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
