package io.insightledger.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged jar, run as the README says: one data directory, and every port its own free one. */
record StandaloneJar(Path dataDir, int commandPort, int queryPort, int webPort, int postgresPort, int kafkaPort) {

    /** The demo user's API token (ADMIN), given to the jar as INSIGHT_DEMO_TOKEN. */
    static final String TOKEN = "il_the-standalone-jar-demo-token";
    private static final Path JAR = Path.of("target", "insight-ledger-standalone.jar");

    static StandaloneJar on(Path dataDir) {
        return new StandaloneJar(dataDir, RunningSystem.freePort(), RunningSystem.freePort(), RunningSystem.freePort(),
                RunningSystem.freePort(), RunningSystem.freePort());
    }

    static Path jar() {
        return JAR;
    }

    /** Starts the jar and waits until it says it is running; its output goes to {@code log}. */
    JavaProcess start(Path log) {
        JavaProcess process = launch(log);
        try {
            process.awaitOutput("Insight Ledger is running.", Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** Runs the jar with {@code arguments} (a command such as {@code reconcile}, or none), without waiting. */
    JavaProcess launch(Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of("-Xmx768m", "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return JavaProcess.start(command, Map.of(
                "INSIGHT_DATA_DIR", dataDir.toString(),
                "INSIGHT_COMMAND_PORT", Integer.toString(commandPort),
                "INSIGHT_QUERY_PORT", Integer.toString(queryPort),
                "INSIGHT_WEB_PORT", Integer.toString(webPort),
                "INSIGHT_POSTGRES_PORT", Integer.toString(postgresPort),
                "INSIGHT_KAFKA_PORT", Integer.toString(kafkaPort),
                "INSIGHT_DEMO_TOKEN", TOKEN), log);
    }

    Api commands() {
        return Api.as("http://127.0.0.1:" + commandPort, TOKEN);
    }

    Api queries() {
        return Api.as("http://127.0.0.1:" + queryPort, TOKEN);
    }

    Api web() {
        return Api.as("http://127.0.0.1:" + webPort, TOKEN);
    }

    /** The jar's event store, read beside it with the login it prints. */
    EventStore eventStore() {
        return new EventStore("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + LedgerSystem.EVENT_STORE_DATABASE,
                "postgres", "postgres");
    }
}
