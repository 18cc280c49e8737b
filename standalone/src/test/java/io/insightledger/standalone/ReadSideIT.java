package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The read side over the real pipeline: the board and its filters, a hypothesis now and as of instants between its
 * events, timeline and evolution, the decision log, meetings, organisations, the dashboard, live updates, read your
 * writes, and a rebuild of every projection that answers exactly as before.
 *
 * <p>On the shared system, and first of all classes (junit-platform.properties orders by {@link Order}): the decision
 * log, organisations and dashboard are checked whole, so no other class's data may be there yet.
 */
@Order(1)
class ReadSideIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    /** The tag of the hypotheses this class sets up; other tests add hypotheses of their own. */
    private static final List<String> HISTORY = List.of("history");
    private static final Map<String, Instant> when = new LinkedHashMap<>();
    private static Api commands;
    private static Api queries;

    /**
     * Acme Bank (twice) and Beta Retail back "rotation" (validated, then contradicted by Gamma: at risk); "portal" gets
     * one supporting piece from Acme only (single source) and is parked; "pricing" is proposed by someone else.
     */
    @BeforeAll
    static void history() {
        commands = running.commands();
        queries = running.queries();
        step("m1", commands.post("/api/meetings", Requests.meeting("m1", "Acme Bank")));
        step("o1", commands.post("/api/meetings/m1/observations", Requests.observation("o1", "Keys by hand")));
        step("m2", commands.post("/api/meetings", Requests.with(Requests.meeting("m2", "Acme Bank"), "tags",
                List.of("followup"))));
        step("m3", commands.post("/api/meetings", Requests.with(Requests.meeting("m3", "Beta Retail"), "segment",
                "retail")));
        step("m4", commands.post("/api/meetings", Requests.meeting("m4", "Gamma Gov")));
        step("h1", commands.post("/api/hypotheses", Requests.with(Requests.with(
                Requests.hypothesis("rotation", "Keys rotate"), "segments", List.of("bank")), "tags", HISTORY)));
        step("e1", commands.post("/api/hypotheses/rotation/evidence", Requests.evidence("e1", "m1", "o1", "SUPPORTS")));
        step("e2", commands.post("/api/hypotheses/rotation/evidence", Requests.evidence("e2", "m2", "SUPPORTS")));
        step("e3", commands.post("/api/hypotheses/rotation/evidence", Requests.evidence("e3", "m3", "SUPPORTS")));
        step("d1", commands.post("/api/hypotheses/rotation/decisions",
                Requests.decision("VALIDATED", List.of("e1", "e3"))));
        step("e4", commands.post("/api/hypotheses/rotation/evidence", Requests.evidence("e4", "m4", "CONTRADICTS")));
        step("h2", commands.post("/api/hypotheses", Requests.with(Requests.with(
                Requests.hypothesis("portal", "A self-service portal"), "category", "USABILITY"), "tags", HISTORY)));
        step("e5", commands.post("/api/hypotheses/portal/evidence", Requests.evidence("e5", "m1", "o1", "SUPPORTS")));
        step("d2", commands.post("/api/hypotheses/portal/decisions", Map.of("outcome", "PARKED",
                "rationale", "Not this quarter", "evidenceIds", List.of())));
        step("h3", commands.post("/api/hypotheses", Requests.with(Requests.with(
                Requests.hypothesis("pricing", "Per-seat pricing"), "owner", "sam"), "tags", HISTORY)));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                queries.get("/api/hypotheses/pricing").status() == 200
                        && queries.get("/api/hypotheses/portal").body().path("status").asText().equals("PARKED")
                        && queries.get("/api/meetings/m4").status() == 200);
    }

    /** Runs a command and notes when it happened, leaving a gap so instants between events are distinct. */
    private static void step(String name, Response response) {
        assertThat(response.status()).as(name + ": " + response.raw().body()).isIn(200, 201);
        pause(30);
        when.put(name, Instant.now());
        pause(30);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theBoardFiltersSortsAndPages() {
        JsonNode board = queries.get("/api/hypotheses?tag=history&sort=confidence&order=desc&size=2").body();
        assertThat(board.path("totalItems").asLong()).isEqualTo(3);
        assertThat(board.path("totalPages").asInt()).isEqualTo(2);
        assertThat(board.path("items")).hasSize(2);
        assertThat(board.path("items").findValuesAsText("id")).containsExactly("rotation", "portal");

        JsonNode rotation = board.path("items").get(0);
        assertThat(rotation.path("status").asText()).isEqualTo("VALIDATED");
        assertThat(rotation.path("supportingCount").asInt()).isEqualTo(3);
        assertThat(rotation.path("contradictingCount").asInt()).isEqualTo(1);
        assertThat(rotation.path("organizationCount").asInt()).isEqualTo(3);
        assertThat(texts(rotation.path("flags"))).containsExactly("AT_RISK");
        assertThat(texts(queries.get("/api/hypotheses?tag=history&flag=SINGLE_SOURCE").body().path("items")
                .findValues("id"))).containsExactly("portal");

        assertThat(ids("/api/hypotheses?tag=history&status=PARKED")).containsExactly("portal");
        assertThat(ids("/api/hypotheses?tag=history&category=USABILITY")).containsExactly("portal");
        assertThat(ids("/api/hypotheses?tag=history&owner=sam")).containsExactly("pricing");
        assertThat(ids("/api/hypotheses?tag=history&segment=retail")).containsExactly("rotation");
        assertThat(ids("/api/hypotheses?tag=history&text=PORTAL")).containsExactly("portal");
        assertThat(ids("/api/hypotheses?tag=history&flag=AT_RISK")).containsExactly("rotation");
        assertThat(ids("/api/hypotheses?tag=history&sort=created&order=asc")).containsExactly("rotation", "portal", "pricing");
        assertThat(queries.get("/api/hypotheses?sort=loudness").status()).isEqualTo(400);
        assertThat(queries.get("/api/hypotheses?size=500").status()).isEqualTo(400);
    }

    @Test
    void confidenceIsExplainedPieceByPiece() {
        JsonNode rotation = queries.get("/api/hypotheses/rotation").body();
        // e1 moderate Acme +1, e2 strong Acme k=2 +2/2, e3 strong Beta +2, e4 strong Gamma -2: log-odds 2
        JsonNode explanation = rotation.path("confidenceExplanation");
        assertThat(explanation.path("logOdds").asDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(rotation.path("confidence").asDouble()).isCloseTo(1 / (1 + Math.exp(-2.0)), within(1e-9));
        assertThat(explanation.path("contributions").findValuesAsText("evidenceId"))
                .containsExactly("e1", "e2", "e3", "e4");
        assertThat(explanation.path("contributions").get(1).path("k").asInt()).isEqualTo(2);
        assertThat(rotation.path("evidence").get(0).path("organization").asText()).isEqualTo("Acme Bank");
        assertThat(rotation.path("evidence").get(0).path("observationText").asText()).isEqualTo("Keys by hand");
        assertThat(rotation.path("evidence").get(3).path("linkedAfterDecision").asBoolean()).isTrue();
        // when validated: 1 + 1 + 2
        assertThat(rotation.path("decisions").get(0).path("confidenceThen").asDouble())
                .isCloseTo(1 / (1 + Math.exp(-4.0)), within(1e-9));
    }

    @Test
    void aHypothesisAsOfAnInstantBetweenEvents() {
        Instant afterFirstEvidence = when.get("e1");
        JsonNode then = queries.get("/api/hypotheses/rotation?asOf=" + afterFirstEvidence).body();
        assertThat(then.path("status").asText()).isEqualTo("OPEN");
        assertThat(then.path("evidence")).hasSize(1);
        assertThat(then.path("version").asLong()).isEqualTo(1);
        assertThat(then.path("confidence").asDouble()).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-9));

        JsonNode validated = queries.get("/api/hypotheses/rotation?asOf=" + when.get("d1")).body();
        assertThat(validated.path("status").asText()).isEqualTo("VALIDATED");
        assertThat(texts(validated.path("flags"))).doesNotContain("AT_RISK");

        assertThat(queries.get("/api/hypotheses/portal?asOf=" + when.get("h1")).status()).isEqualTo(404);
        assertThat(queries.get("/api/hypotheses/rotation?asOf=yesterday").status()).isEqualTo(400);

        JsonNode boardThen = queries.get("/api/hypotheses?tag=history&asOf=" + when.get("e5")).body();
        assertThat(boardThen.path("items").findValuesAsText("id")).containsExactlyInAnyOrder("rotation", "portal");
        JsonNode portalThen = queries.get("/api/hypotheses?asOf=" + when.get("e5") + "&status=OPEN").body();
        assertThat(portalThen.path("items").findValuesAsText("id")).contains("portal").doesNotContain("rotation");
        // the same shape as today's board
        JsonNode today = queries.get("/api/hypotheses").body().path("items").get(0);
        List<String> todayFields = new ArrayList<>();
        today.fieldNames().forEachRemaining(todayFields::add);
        List<String> thenFields = new ArrayList<>();
        boardThen.path("items").get(0).fieldNames().forEachRemaining(thenFields::add);
        assertThat(thenFields).isEqualTo(todayFields);
    }

    @Test
    void theEvolutionReplayMatchesTheTimelineAndTimeTravel() {
        JsonNode timeline = queries.get("/api/hypotheses/rotation/timeline").body().path("items");
        JsonNode evolution = queries.get("/api/hypotheses/rotation/evolution").body().path("items");
        assertThat(timeline).hasSize(6);
        assertThat(evolution).hasSize(6);
        assertThat(timeline.findValuesAsText("type")).containsExactly("HypothesisProposed", "EvidenceLinked",
                "EvidenceLinked", "EvidenceLinked", "HypothesisDecided", "EvidenceLinked");
        for (int i = 0; i < 6; i++) {
            JsonNode item = timeline.get(i);
            JsonNode step = evolution.get(i);
            assertThat(step.path("summary").asText()).isEqualTo(item.path("summary").asText());
            assertThat(step.path("state").path("confidence").asDouble())
                    .isEqualTo(item.path("confidence").asDouble());
            JsonNode asOf = queries.get("/api/hypotheses/rotation?asOf=" + item.path("occurredAt").asText()).body();
            assertThat(asOf).as("as of step " + i).isEqualTo(step.path("state"));
        }
        assertThat(timeline.get(1).path("summary").asText())
                .isEqualTo("Linked moderate supporting evidence from \"Security review with Acme Bank\" with Acme Bank");
        assertThat(timeline.get(5).path("summary").asText()).endsWith(", after the decision");
    }

    @Test
    void theDecisionLogShowsWhatEachDecisionRestedOn() {
        JsonNode log = queries.get("/api/decisions").body().path("items");
        assertThat(log.findValuesAsText("hypothesisId")).containsExactly("portal", "rotation");
        JsonNode rotation = log.get(1);
        assertThat(rotation.path("outcome").asText()).isEqualTo("VALIDATED");
        assertThat(rotation.path("decidedBy").asText()).isEqualTo(RunningSystem.USER);
        assertThat(rotation.path("evidence").findValuesAsText("organization"))
                .containsExactly("Acme Bank", "Beta Retail");
        assertThat(rotation.path("confidenceThen").asDouble()).isCloseTo(1 / (1 + Math.exp(-4.0)), within(1e-9));
        assertThat(rotation.path("atRisk").asBoolean()).isTrue();
        assertThat(rotation.path("reopened").asBoolean()).isFalse();
        assertThat(queries.get("/api/decisions?outcome=PARKED").body().path("items").findValuesAsText("hypothesisId"))
                .containsExactly("portal");
        assertThat(queries.get("/api/decisions?from=" + when.get("e5")).body().path("items")
                .findValuesAsText("hypothesisId")).containsExactly("portal");
        assertThat(queries.get("/api/decisions?owner=nobody").body().path("totalItems").asLong()).isZero();
    }

    @Test
    void meetingsAndOrganizations() {
        assertThat(queries.get("/api/meetings?organization=Acme Bank".replace(" ", "%20")).body().path("items")
                .findValuesAsText("id")).containsExactlyInAnyOrder("m1", "m2");
        assertThat(queries.get("/api/meetings?segment=retail").body().path("items").findValuesAsText("id"))
                .containsExactly("m3");
        assertThat(queries.get("/api/meetings?tag=followup").body().path("items").findValuesAsText("id"))
                .containsExactly("m2");
        JsonNode m1 = queries.get("/api/meetings/m1").body();
        assertThat(m1.path("observations").findValuesAsText("id")).containsExactly("o1");
        assertThat(m1.path("servedAsEvidence").findValuesAsText("hypothesisId"))
                .containsExactlyInAnyOrder("rotation", "portal");

        JsonNode organizations = queries.get("/api/organizations").body().path("items");
        assertThat(organizations.findValuesAsText("name"))
                .containsExactlyInAnyOrder("Acme Bank", "Beta Retail", "Gamma Gov");
        JsonNode acme = queries.get("/api/organizations/Acme%20Bank").body();
        assertThat(acme.path("organization").path("meetings").asInt()).isEqualTo(2);
        assertThat(acme.path("organization").path("evidenceGiven").asInt()).isEqualTo(3);
        assertThat(acme.path("organization").path("hypothesesInfluenced").asInt()).isEqualTo(2);
        assertThat(acme.path("hypotheses").findValuesAsText("id")).containsExactlyInAnyOrder("rotation", "portal");
        assertThat(queries.get("/api/organizations/Nobody").status()).isEqualTo(404);
    }

    @Test
    void theDashboardSumsUpThePeriod() {
        JsonNode dashboard = queries.get("/api/dashboard").body();
        assertThat(dashboard.path("hypothesesByStatus").path("VALIDATED").asInt()).isEqualTo(1);
        assertThat(dashboard.path("hypothesesByStatus").path("PARKED").asInt()).isEqualTo(1);
        assertThat(dashboard.path("hypothesesByStatus").path("OPEN").asInt()).isEqualTo(1);
        int validated = 0;
        for (JsonNode week : dashboard.path("decisionsPerWeek")) {
            validated += week.path("validated").asInt();
        }
        assertThat(validated).isEqualTo(1);
        assertThat(dashboard.path("medianDaysToDecision").asDouble()).isBetween(0.0, 0.01);
        int decided = 0;
        for (JsonNode week : dashboard.path("decisionsPerWeek")) {
            decided += week.path("validated").asInt() + week.path("invalidated").asInt() + week.path("parked").asInt();
        }
        // every decision of the period took minutes, the first of the spans
        assertThat(dashboard.path("timeToDecision").findValuesAsText("span")).containsExactly("up to 7 days",
                "up to 30 days", "up to 90 days", "up to 180 days", "up to 365 days", "over 365 days");
        assertThat(dashboard.path("timeToDecision").get(0).path("decisions").asInt()).isEqualTo(decided).isPositive();
        assertThat(dashboard.path("atRisk").findValuesAsText("id")).containsExactly("rotation");
        // the meetings took place on 2026-03-02, inside a period that holds that day
        JsonNode march = queries.get("/api/dashboard?from=2026-02-01T00:00:00Z&to=2026-04-01T00:00:00Z").body();
        int meetings = 0;
        for (JsonNode week : march.path("meetingsPerWeek")) {
            meetings += week.path("meetings").asInt();
        }
        assertThat(meetings).isEqualTo(4);
        assertThat(march.path("coverageBySegment").findValuesAsText("segment")).containsExactly("bank", "retail");
    }

    @Test
    void aReadWaitsForTheWriteItNamesAndSaysSoWhenItCannot() {
        Response revised = commands.put("/api/hypotheses/pricing", Map.of("title", "Per-seat pricing, yearly",
                "reason", "clearer"));
        long version = revised.body().path("version").asLong();
        JsonNode read = queries.get("/api/hypotheses/pricing?minVersion=" + version).body();
        assertThat(read.path("title").asText()).isEqualTo("Per-seat pricing, yearly");
        Response tooFar = queries.get("/api/hypotheses/pricing?minVersion=" + (version + 100));
        assertThat(tooFar.status()).isEqualTo(503);
        assertThat(tooFar.header("Retry-After")).isEqualTo("1");
        assertThat(tooFar.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theStreamAnnouncesEachProjectedChange() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(running.system().queryUrl() + "/api/stream"))
                .header("Authorization", "Bearer " + RunningSystem.TOKEN)
                .build();
        HttpResponse<InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<String> announced = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream.body()) {
                StringBuilder seen = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    seen.append((char) c);
                    if (seen.indexOf("\"aggregateId\":\"streamed\"") >= 0) {
                        return seen.toString();
                    }
                }
                return seen.toString();
            } catch (IOException e) {
                return e.toString();
            }
        });
        pause(200);
        commands.post("/api/hypotheses", Requests.hypothesis("streamed", "Announced live"));
        assertThat(announced.get(10, TimeUnit.SECONDS)).contains("event:change", "\"projection\":\"hypotheses\"");
    }

    @Test
    void healthShowsProjectionLag() {
        JsonNode health = queries.get("/actuator/health").body();
        assertThat(health.path("components").path("projections").path("details").path("hypotheses").path("lag")
                .isNumber()).isTrue();
        assertThat(queries.get("/actuator/prometheus").raw().body()).contains("insight_projection_lag");
    }

    /** Compares with answers taken just before the rebuild, whatever the other tests did first. */
    @Test
    void rebuildingEveryProjectionGivesExactlyTheSameAnswers() {
        List<String> paths = List.of("/api/hypotheses?size=200", "/api/hypotheses/rotation",
                "/api/hypotheses/portal", "/api/hypotheses/rotation/timeline", "/api/hypotheses/rotation/evolution",
                "/api/hypotheses?asOf=" + when.get("e3"), "/api/decisions", "/api/meetings", "/api/meetings/m1",
                "/api/organizations", "/api/organizations/Acme%20Bank",
                "/api/dashboard?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
        await().atMost(Duration.ofSeconds(10)).until(() -> lag() == 0);
        Map<String, JsonNode> before = answers(paths);
        long handledBefore = queries.get("/api/admin/projections/hypotheses").body().path("eventsHandled").asLong();

        Response started = queries.post("/api/admin/projections/rebuild", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().path("items").findValuesAsText("state")).containsOnly("REBUILDING");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                queries.get("/api/admin/projections").body().path("items").findValuesAsText("state").stream()
                        .allMatch("RUNNING"::equals));
        assertThat(answers(paths)).isEqualTo(before);
        JsonNode status = queries.get("/api/admin/projections/hypotheses").body();
        assertThat(status.path("lag").asLong()).as(status.toString()).isZero();
        assertThat(status.path("position").asLong()).isEqualTo(status.path("end").asLong());
        // really replayed: every event of the projection's kinds on the topic went through it again
        long handledKinds = TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                .map(TopicReader::json)
                .filter(event -> event.path("aggregateType").asText().equals("Hypothesis")
                        || event.path("eventType").asText().matches(".*Meeting(Recorded|Retracted)Event"))
                .count();
        assertThat(status.path("eventsHandled").asLong() - handledBefore).isGreaterThanOrEqualTo(handledKinds);
    }

    private static long lag() {
        long lag = 0;
        for (JsonNode projection : queries.get("/api/admin/projections").body().path("items")) {
            lag += projection.path("lag").asLong();
        }
        return lag;
    }

    private static Map<String, JsonNode> answers(List<String> paths) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String path : paths) {
            Response response = queries.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            answers.put(path, response.body());
        }
        return answers;
    }

    private static List<String> ids(String path) {
        return queries.get(path).body().path("items").findValuesAsText("id");
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
