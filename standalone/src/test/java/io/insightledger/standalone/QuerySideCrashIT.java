package io.insightledger.standalone;

import io.insightledger.query.QuerySideApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side dies (kill -9) while events stream in; a new one picks up from its committed tokens and ends with
 * complete projections, nothing applied twice.
 */
class QuerySideCrashIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    @Test
    void aQuerySideKilledMidStreamEndsCompleteWithoutDuplicates(@TempDir Path logs) throws Exception {
        Api commands = running.commands();
        Api queries = running.queries();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String meetingId = "m-" + batch;
        assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Crash Test Bank")).status())
                .isEqualTo(201);

        // the same query side, but in a JVM of its own that can be killed outright
        running.system().stopQuerySide();
        List<String> arguments = new ArrayList<>(List.of("-Xmx384m", "-cp", System.getProperty("java.class.path"),
                QuerySideApplication.class.getName()));
        arguments.addAll(running.system().querySideArguments());
        List<String> hypotheses = new ArrayList<>();
        try (JavaProcess querySide = JavaProcess.start(arguments, Map.of(), logs.resolve("query-side.log"))) {
            querySide.awaitOutput("Started QuerySideApplication", Duration.ofSeconds(90));
            for (int i = 0; i < 60; i++) {
                String hypothesisId = "h-" + batch + "-" + i;
                assertThat(commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Idea " + i)).status())
                        .isEqualTo(201);
                assertThat(commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                        Requests.evidence("e-" + i, meetingId, "SUPPORTS")).status()).isEqualTo(201);
                hypotheses.add(hypothesisId);
                if (i == 30) {
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> queries.get("/api/hypotheses/h-" + batch + "-5").status() == 200);
                    querySide.kill();
                }
            }
        }

        running.system().startQuerySide();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(queries.get("/api/hypotheses/" + hypotheses.get(hypotheses.size() - 1)).body()
                        .path("supportingCount").asInt()).isEqualTo(1));
        for (String hypothesisId : hypotheses) {
            var detail = queries.get("/api/hypotheses/" + hypothesisId).body();
            assertThat(detail.path("supportingCount").asInt()).as(hypothesisId).isEqualTo(1);
            assertThat(detail.path("evidence")).as(hypothesisId).hasSize(1);
            assertThat(queries.get("/api/hypotheses/" + hypothesisId + "/timeline").body().path("items"))
                    .as(hypothesisId).hasSize(2);
        }
        assertThat(queries.get("/api/hypotheses?size=200").body().path("totalItems").asLong())
                .isGreaterThanOrEqualTo(hypotheses.size());
    }
}
