package io.insightledger.infrastructure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL in a child process and Kafka in this JVM; {@link #stopKafka()} and {@link #stopPostgres()} really shut
 * the server down.
 */
final class EmbeddedInfrastructure implements Infrastructure {

    private final PostgresServer postgres;
    private final KafkaServer kafka;

    private EmbeddedInfrastructure(PostgresServer postgres, KafkaServer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static EmbeddedInfrastructure start(Options options) {
        Path dataDir = options.dataDir();
        // PostgreSQL mostly waits for its own processes, so it starts while Kafka warms up in this JVM
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(below(dataDir, "postgres"), options.postgresPort()));
        KafkaServer kafka = null;
        try {
            kafka = new KafkaServer(below(dataDir, "kafka"), options.kafkaPort());
            kafka.start();
            return new EmbeddedInfrastructure(postgres.join(), kafka);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgres.thenAccept(PostgresServer::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Path below(Path dataDir, String name) {
        return dataDir == null ? null : dataDir.resolve(name);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String username() {
        return postgres.username();
    }

    @Override
    public String password() {
        return postgres.password();
    }

    /** Shuts the broker down: connections to its port are refused until {@link #startKafka()}. */
    @Override
    public void stopKafka() {
        kafka.stop();
    }

    @Override
    public void startKafka() {
        kafka.start();
    }

    /** Shuts PostgreSQL down (fast: its clients are disconnected); connections are refused until {@link #startPostgres()}. */
    @Override
    public void stopPostgres() {
        postgres.stop();
    }

    @Override
    public void startPostgres() {
        postgres.restart();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
