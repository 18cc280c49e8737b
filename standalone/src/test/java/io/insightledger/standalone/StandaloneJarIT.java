package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar, run as the README says: the walk-through works, and a restart keeps everything. */
class StandaloneJarIT {

    private static final Path JAR = Path.of("target", "insight-ledger-standalone.jar");

    @Test
    void theStandaloneRunServesTheWalkThroughAndKeepsEverythingAcrossARestart(@TempDir Path home) {
        assertThat(JAR).as("built by the package phase").exists();
        Path dataDir = home.resolve("data");
        int commandPort = RunningSystem.freePort();
        int queryPort = RunningSystem.freePort();
        int webPort = RunningSystem.freePort();
        Map<String, String> environment = Map.of(
                "INSIGHT_DATA_DIR", dataDir.toString(),
                "INSIGHT_COMMAND_PORT", Integer.toString(commandPort),
                "INSIGHT_QUERY_PORT", Integer.toString(queryPort),
                "INSIGHT_WEB_PORT", Integer.toString(webPort),
                "INSIGHT_POSTGRES_PORT", Integer.toString(RunningSystem.freePort()),
                "INSIGHT_KAFKA_PORT", Integer.toString(RunningSystem.freePort()));
        List<String> arguments = List.of("-Xmx768m", "-jar", JAR.toString());
        Api commands = Api.as("http://127.0.0.1:" + commandPort, "demo", "demo");
        Api queries = Api.as("http://127.0.0.1:" + queryPort, "demo", "demo");
        Api web = Api.as("http://127.0.0.1:" + webPort, "demo", "demo");

        try (JavaProcess first = JavaProcess.start(arguments, environment, home.resolve("first.log"))) {
            first.awaitOutput("Insight Ledger is running.", Duration.ofSeconds(180));
            assertThat(first.output())
                    .contains("Web app       http://127.0.0.1:" + webPort,
                            "http://127.0.0.1:" + commandPort + "/api", "http://127.0.0.1:" + queryPort + "/api",
                            "jdbc:postgresql://", "Login         demo / demo", dataDir.toString());
            // nothing reaches out to the internet: Axon's update checker is switched off
            assertThat(first.output()).contains("You have opted out of the AxonIQ UpdateChecker")
                    .doesNotContain("Failed to report anonymous usage data");

            assertThat(commands.post("/api/meetings", Requests.meeting("m-1", "Acme Bank")).status()).isEqualTo(201);
            assertThat(commands.post("/api/hypotheses", Requests.hypothesis("h-1", "Keys rotate themselves"))
                    .status()).isEqualTo(201);
            assertThat(commands.post("/api/hypotheses/h-1/evidence", Requests.evidence("e-1", "m-1", "SUPPORTS"))
                    .status()).isEqualTo(201);
            assertThat(commands.post("/api/hypotheses/h-1/decisions",
                    Requests.decision("VALIDATED", List.of("e-1"))).status()).isEqualTo(201);
            // how soon is the benchmark's figure (freshness); here: it shows, on a durable, maybe busy, machine
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                    "VALIDATED".equals(queries.get("/api/hypotheses/h-1").body().path("status").asText()));
            JsonNode timeline = queries.get("/api/hypotheses/h-1/timeline").body().path("items");
            assertThat(timeline).hasSize(3);
            assertThat(timeline.findValuesAsText("actor")).containsOnly("demo");
            // the web application answers with the query side's view, under the same login
            assertThat(web.get("/api/hypotheses/h-1").body().path("status").asText()).isEqualTo("VALIDATED");
            // the jar's command, against the system it runs
            try (JavaProcess reconcile = JavaProcess.start(List.of("-jar", JAR.toString(), "reconcile"), environment,
                    home.resolve("reconcile.log"))) {
                reconcile.awaitOutput("republished", Duration.ofSeconds(60));
                assertThat(reconcile.output()).contains("Reconciliation done").containsPattern("missing +0\\n");
            }
            first.stop();
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();

        try (JavaProcess second = JavaProcess.start(arguments, environment, home.resolve("second.log"))) {
            second.awaitOutput("Insight Ledger is running.", Duration.ofSeconds(180));
            // Ctrl+C stopped the first run cleanly: nothing to reconcile
            assertThat(second.output()).doesNotContain("did not stop cleanly");
            JsonNode hypothesis = queries.get("/api/hypotheses/h-1").body();
            assertThat(hypothesis.path("status").asText()).isEqualTo("VALIDATED");
            assertThat(queries.get("/api/meetings/m-1").status()).isEqualTo(200);

            // the event store still knows h-1, and the topic's old records are not projected again
            assertThat(commands.post("/api/meetings", Requests.meeting("m-2", "Beta Retail")).status()).isEqualTo(201);
            var more = commands.post("/api/hypotheses/h-1/evidence", Requests.evidence("e-2", "m-2", "CONTRADICTS"));
            assertThat(more.status()).isEqualTo(201);
            assertThat(more.body().path("version").asLong()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    queries.get("/api/hypotheses/h-1").body().path("contradictingCount").asInt() == 1);
            assertThat(queries.get("/api/hypotheses/h-1/timeline").body().path("items")).hasSize(4);
            assertThat(queries.get("/api/hypotheses/h-1").body().path("supportingCount").asInt()).isEqualTo(1);
            second.stop();
        }
    }
}
