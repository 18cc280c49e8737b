package io.insightledger.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The packaged jar, run as the README says: one data directory, and every port its own free one. */
final class StandaloneJar {

    static final String USER = "demo";
    static final String PASSWORD = "demo";
    private static final Path JAR = Path.of("target", "insight-ledger-standalone.jar");

    private final Path dataDir;
    private final int commandPort = RunningSystem.freePort();
    private final int queryPort = RunningSystem.freePort();
    private final int webPort = RunningSystem.freePort();
    private final int postgresPort = RunningSystem.freePort();
    private final int kafkaPort = RunningSystem.freePort();

    StandaloneJar(Path dataDir) {
        this.dataDir = dataDir;
    }

    static Path jar() {
        return JAR;
    }

    /** Starts the jar and waits until it says it is running; its output goes to {@code log}. */
    JavaProcess start(Path log) {
        JavaProcess process = JavaProcess.start(List.of("-Xmx768m", "-jar", JAR.toString()), Map.of(
                "INSIGHT_DATA_DIR", dataDir.toString(),
                "INSIGHT_COMMAND_PORT", Integer.toString(commandPort),
                "INSIGHT_QUERY_PORT", Integer.toString(queryPort),
                "INSIGHT_WEB_PORT", Integer.toString(webPort),
                "INSIGHT_POSTGRES_PORT", Integer.toString(postgresPort),
                "INSIGHT_KAFKA_PORT", Integer.toString(kafkaPort)), log);
        try {
            process.awaitOutput("Insight Ledger is running.", Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    Path dataDir() {
        return dataDir;
    }

    int commandPort() {
        return commandPort;
    }

    int queryPort() {
        return queryPort;
    }

    int webPort() {
        return webPort;
    }

    Api commands() {
        return Api.as("http://127.0.0.1:" + commandPort, USER, PASSWORD);
    }

    Api queries() {
        return Api.as("http://127.0.0.1:" + queryPort, USER, PASSWORD);
    }

    Api web() {
        return Api.as("http://127.0.0.1:" + webPort, USER, PASSWORD);
    }

    /** The jar's event store, read beside it with the login it prints. */
    EventStore eventStore() {
        return new EventStore("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + LedgerSystem.EVENT_STORE_DATABASE,
                "postgres", "postgres");
    }
}
