package io.insightledger.infrastructure;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL and Kafka in throwaway Docker containers on free ports.
 *
 * <p>{@link #stopKafka()} pauses the Kafka container and {@link #startKafka()} unpauses it: a stopped and restarted
 * container would get a new host port that the broker does not advertise. While paused, connections are not refused
 * but hang, so clients see timeouts; the broker keeps its data. {@link #stopPostgres()} pauses PostgreSQL the same
 * way, for the same reason (its clients know one port).
 */
final class ContainerInfrastructure implements Infrastructure {

    private static final String USERNAME = "postgres";
    private static final String PASSWORD = "postgres";

    private final PostgreSQLContainer<?> postgres;
    private final KafkaContainer kafka;
    private final Set<GenericContainer<?>> paused = new HashSet<>();

    private ContainerInfrastructure(PostgreSQLContainer<?> postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static ContainerInfrastructure start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17"))
                .withUsername(USERNAME)
                .withPassword(PASSWORD);
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
        // the image turns KAFKA_FOO_BAR into foo.bar
        KafkaServer.singleNodeSettings().forEach((key, value) ->
                kafka.withEnv("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(postgres, kafka);
        try {
            Startables.deepStart(postgres, kafka).join();
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        return infrastructure;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresDatabases.jdbcUrl(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                USERNAME, PASSWORD, database);
    }

    @Override
    public String username() {
        return USERNAME;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void stopKafka() {
        pause(kafka);
    }

    @Override
    public void startKafka() {
        unpause(kafka);
    }

    @Override
    public void stopPostgres() {
        pause(postgres);
    }

    @Override
    public void startPostgres() {
        unpause(postgres);
    }

    private synchronized void pause(GenericContainer<?> container) {
        if (paused.add(container)) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }
    }

    private synchronized void unpause(GenericContainer<?> container) {
        if (paused.remove(container)) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
