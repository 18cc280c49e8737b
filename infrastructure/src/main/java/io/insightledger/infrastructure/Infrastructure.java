package io.insightledger.infrastructure;

import java.nio.file.Path;

/**
 * A real PostgreSQL and a real Kafka broker, for integration tests and the one-JVM launcher.
 *
 * <p>Two implementations: embedded (PostgreSQL binaries in a child process and a Kafka broker in this JVM, no
 * Docker needed) and Testcontainers. {@link #start} takes containers when a Docker engine answers, embedded
 * otherwise; the system property or environment variable {@code INSIGHT_INFRA} ({@code embedded} or
 * {@code containers}) forces one.
 */
public interface Infrastructure extends AutoCloseable {

    /**
     * @param dataDir      where PostgreSQL ({@code dataDir/postgres}) and Kafka ({@code dataDir/kafka}) keep their
     *                     data across restarts; {@code null} for temporary directories removed on close.
     *                     Embedded only, like fixed ports: containers are throwaway
     * @param postgresPort fixed port, or 0 for a free one
     * @param kafkaPort    fixed port, or 0 for a free one
     */
    record Options(Path dataDir, int postgresPort, int kafkaPort) {

        public Options {
            requirePort(postgresPort);
            requirePort(kafkaPort);
        }

        /** Temporary data on free ports: what a test wants. */
        public static Options temporary() {
            return new Options(null, 0, 0);
        }

        boolean onlyEmbeddedCanHonour() {
            return dataDir != null || postgresPort != 0 || kafkaPort != 0;
        }

        private static void requirePort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
        }
    }

    /** Containers or embedded, see the class comment; the choice is logged at INFO. */
    static Infrastructure start(Options options) {
        return InfrastructureChoice.start(options);
    }

    /** Always embedded, whatever Docker or {@code INSIGHT_INFRA} say: what the standalone launcher wants. */
    static Infrastructure embedded(Options options) {
        return InfrastructureChoice.startEmbedded(options, "requested explicitly");
    }

    String kafkaBootstrapServers();

    /** Creates {@code database} if it does not exist yet and returns its JDBC URL (without credentials). */
    String jdbcUrl(String database);

    String username();

    String password();

    /**
     * Takes the broker away while its data stays. Embedded: the broker shuts down and connections are refused.
     * Containers: the container is paused, so connections hang and clients time out.
     */
    void stopKafka();

    /** Brings the broker back after {@link #stopKafka()} on the same bootstrap servers, with its data. */
    void startKafka();

    /**
     * Takes PostgreSQL, both databases, away while its data stays. Embedded: the server shuts down, its clients are
     * disconnected and connections are refused. Containers: the container is paused, so connections hang.
     */
    void stopPostgres();

    /** Brings PostgreSQL back after {@link #stopPostgres()} on the same port, with its data. */
    void startPostgres();

    /** Stops both servers; temporary data is removed. */
    @Override
    void close();
}
