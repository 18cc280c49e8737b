package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged jar, run as the README says: the walk-through works, and a restart keeps everything. */
class StandaloneJarIT {

    @Test
    void theStandaloneRunServesTheWalkThroughAndKeepsEverythingAcrossARestart(@TempDir Path home) {
        assertThat(StandaloneJar.jar()).as("built by the package phase").exists();
        Path dataDir = home.resolve("data");
        StandaloneJar standalone = StandaloneJar.on(dataDir);
        int commandPort = standalone.commandPort();
        int queryPort = standalone.queryPort();
        int webPort = standalone.webPort();
        Api commands = standalone.commands();
        Api queries = standalone.queries();
        Api web = standalone.web();

        try (JavaProcess first = standalone.start(home.resolve("first.log"))) {
            assertThat(first.output())
                    .contains("Web app       http://127.0.0.1:" + webPort,
                            "http://127.0.0.1:" + commandPort + "/api", "http://127.0.0.1:" + queryPort + "/api",
                            "jdbc:postgresql://", "Sign in       demo / demo",
                            "API token     " + StandaloneJar.TOKEN, dataDir.toString());
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
            try (JavaProcess reconcile = standalone.launch(home.resolve("reconcile.log"), "reconcile")) {
                reconcile.awaitOutput("republished", Duration.ofSeconds(60));
                assertThat(reconcile.output()).contains("Reconciliation done").containsPattern("missing +0\\n");
            }
            first.stop();
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();

        try (JavaProcess second = standalone.start(home.resolve("second.log"))) {
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
