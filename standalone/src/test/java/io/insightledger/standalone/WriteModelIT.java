package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write model over HTTP against the real pipeline: every rule answers with its status and a problem body naming
 * it, and stores nothing; the walk-through lands on the topic in order; concurrent decisions leave one winner.
 */
class WriteModelIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private final Api commands = running.commands();
    private String suffix;
    private String meetingId;
    private String hypothesisId;

    @BeforeEach
    void aMeetingWithAnObservationAndAHypothesis() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        meetingId = "m-" + suffix;
        hypothesisId = "h-" + suffix;
        created(commands.post("/api/meetings", Requests.meeting(meetingId, "Acme Bank")));
        created(commands.post("/api/meetings/" + meetingId + "/observations",
                Requests.observation("o-1", "We rotate keys by hand")));
        created(commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Keys rotate themselves")));
    }

    private static Response created(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response;
    }

    /** Checks the status, the problem media type and the rule named, and that nothing was stored for the aggregate. */
    private void assertRefused(Response response, int status, String rule, String aggregateId, long eventsBefore) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (status == 400) {
            assertThat(response.body().path("errors").findValuesAsText("rule")).contains(rule);
        } else {
            assertThat(response.body().path("rule").asText()).isEqualTo(rule);
        }
        assertThat(response.body().path("detail").asText()).isNotBlank();
        assertThat(running.storedEvents(aggregateId)).as("events of " + aggregateId).isEqualTo(eventsBefore);
    }

    private String evidencePath() {
        return "/api/hypotheses/" + hypothesisId + "/evidence";
    }

    @Test
    void sizesAndFormatsAreCheckedAndNameTheField() {
        long before = running.storedEvents(meetingId);
        Response longTitle = commands.post("/api/meetings",
                Requests.with(Requests.meeting("m-long-" + suffix, "X"), "title", "t".repeat(201)));
        assertRefused(longTitle, 400, "Size", "m-long-" + suffix, 0);
        assertThat(longTitle.body().path("errors").get(0).path("field").asText()).isEqualTo("title");

        Response longNotes = commands.put("/api/meetings/" + meetingId + "/notes",
                Map.of("notes", "n".repeat(20_001)));
        assertRefused(longNotes, 400, "Size", meetingId, before);

        List<String> tags = Collections.nCopies(51, "tag");
        assertRefused(commands.post("/api/meetings/" + meetingId + "/observations",
                Requests.with(Requests.observation("o-9", "text"), "tags", tags)), 400, "Size", meetingId, before);
        assertRefused(commands.post("/api/meetings/" + meetingId + "/observations",
                Requests.with(Requests.observation("o-9", "text"), "kind", "RUMOUR")), 400, "Format", meetingId, before);
        assertRefused(commands.put("/api/hypotheses/" + hypothesisId, Requests.reason("nothing to change")),
                400, "AtLeastOneChange", hypothesisId, 1);
        assertRefused(commands.post("/api/hypotheses/" + hypothesisId + "/reopening", Map.of()),
                400, "NotBlank", hypothesisId, 1);
        assertRefused(commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                Map.of("outcome", "PARKED", "rationale", " ")), 400, "NotBlank", hypothesisId, 1);
        assertRefused(commands.putWithHeader("/api/hypotheses/" + hypothesisId,
                Map.of("title", "New", "reason", "r"), "If-Match", "yesterday"), 400, "Format", hypothesisId, 1);
        assertRefused(commands.post("/api/meetings", Requests.with(Requests.meeting("bad id!", "X"), "id", "bad id!")),
                400, "Pattern", "bad id!", 0);
    }

    @Test
    void unknownThingsAreNotFound() {
        assertRefused(commands.put("/api/meetings/m-nowhere/notes", Map.of("notes", "x")), 404, "NotFound",
                "m-nowhere", 0);
        assertRefused(commands.post("/api/hypotheses/h-nowhere/reopening", Requests.reason("x")), 404, "NotFound",
                "h-nowhere", 0);
        assertRefused(commands.put("/api/meetings/" + meetingId + "/observations/o-nowhere", Map.of("text", "x")),
                404, "ObservationMustExist", meetingId, 2);
        assertRefused(commands.post(evidencePath() + "/e-nowhere/withdrawal", Requests.reason("x")),
                404, "EvidenceMustExist", hypothesisId, 1);
    }

    @Test
    void evidenceMustPointAtARecordedMeetingAndOneOfItsObservations() {
        assertRefused(commands.post(evidencePath(), Requests.evidence("e-1", "m-nowhere", "SUPPORTS")),
                422, "EvidenceNeedsRecordedMeeting", hypothesisId, 1);
        assertRefused(commands.post(evidencePath(), Requests.evidence("e-1", meetingId, "o-nowhere", "SUPPORTS")),
                422, "EvidenceObservationBelongsToMeeting", hypothesisId, 1);

        String retracted = "m-retracted-" + suffix;
        created(commands.post("/api/meetings", Requests.meeting(retracted, "Gamma")));
        assertThat(commands.post("/api/meetings/" + retracted + "/retraction", Requests.reason("wrong customer"))
                .status()).isEqualTo(200);
        assertRefused(commands.post(evidencePath(), Requests.evidence("e-1", retracted, "SUPPORTS")),
                422, "EvidenceNeedsRecordedMeeting", hypothesisId, 1);
        assertRefused(commands.post("/api/meetings/" + retracted + "/observations", Requests.observation("o", "x")),
                409, "RetractedMeetingIsReadOnly", retracted, 2);
    }

    @Test
    void theSameMeetingAndObservationLinkOnce() {
        created(commands.post(evidencePath(), Requests.evidence("e-1", meetingId, "o-1", "SUPPORTS")));
        assertRefused(commands.post(evidencePath(), Requests.evidence("e-2", meetingId, "o-1", "CONTRADICTS")),
                409, "EvidenceLinkedOnce", hypothesisId, 2);
    }

    @Test
    void importedHistoryHappensWhenItSaysAndInOrder() {
        String imported = "m-imported-" + suffix;
        Instant then = Instant.parse("2025-05-05T10:00:00Z");
        created(commands.postWithHeader("/api/meetings", Requests.meeting(imported, "Oldco"), "X-Effective-Time",
                then.toString()));
        assertThat(running.storedMetadata(imported)).singleElement().asString()
                .contains("\"happenedAt\":\"" + then + "\"");

        String observations = "/api/meetings/" + imported + "/observations";
        assertRefused(commands.postWithHeader(observations, Requests.observation("o-1", "x"), "X-Effective-Time",
                then.minusSeconds(60).toString()), 409, "ImportKeepsOrder", imported, 1);
        assertRefused(commands.postWithHeader(observations, Requests.observation("o-1", "x"), "X-Effective-Time",
                "2999-01-01T00:00:00Z"), 400, "NotInFuture", imported, 1);
        assertRefused(commands.postWithHeader(observations, Requests.observation("o-1", "x"), "X-Effective-Time",
                "last spring"), 400, "Format", imported, 1);
        // without the header it happened when it was recorded: now, after everything imported
        created(commands.post(observations, Requests.observation("o-1", "x")));
        assertThat(running.storedMetadata(imported).get(1)).doesNotContain("happenedAt");
        await().atMost(Duration.ofSeconds(5)).until(() -> running.queries().get("/api/meetings/" + imported).status() == 200);
        assertThat(running.queries().get("/api/meetings/" + imported).body().path("recordedAt").asText())
                .isEqualTo(then.toString());
    }

    @Test
    void aDecisionRestsOnEvidenceThatStillCounts() {
        Response noEvidence = commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                Requests.decision("VALIDATED", List.of()));
        assertRefused(noEvidence, 422, "DecisionRestsOnEvidence", hypothesisId, 1);
        // named like a malformed field, so a form shows it beside the evidence it asks for
        assertThat(noEvidence.body().path("errors").get(0).path("field").asText()).isEqualTo("evidenceIds");
        created(commands.post(evidencePath(), Requests.evidence("e-1", meetingId, "SUPPORTS")));
        assertThat(commands.post(evidencePath() + "/e-1/withdrawal", Requests.reason("misheard")).status())
                .isEqualTo(200);
        assertRefused(commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                        Requests.decision("VALIDATED", List.of("e-1"))), 422, "DecisionRestsOnEvidence", hypothesisId, 3);
    }

    @Test
    void aDecidedHypothesisMustBeReopenedAndAPivotedOneOnlyReads() {
        created(commands.post(evidencePath(), Requests.evidence("e-1", meetingId, "SUPPORTS")));
        created(commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                Requests.decision("VALIDATED", List.of("e-1"))));
        Response again = commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                Requests.decision("INVALIDATED", List.of("e-1")));
        assertRefused(again, 409, "DecidedHypothesisMustBeReopened", hypothesisId, 3);
        assertThat(again.body().path("detail").asText()).contains("VALIDATED");

        Response pivot = created(commands.post("/api/hypotheses/" + hypothesisId + "/pivot", Map.of(
                "rationale", "Banks want managed keys",
                "successor", Requests.hypothesis("h-next-" + suffix, "Keys are managed for them"))));
        assertThat(pivot.body().path("id").asText()).isEqualTo("h-next-" + suffix);
        Response afterPivot = commands.post("/api/hypotheses/" + hypothesisId + "/reopening",
                Requests.reason("second thoughts"));
        assertRefused(afterPivot, 409, "PivotedHypothesisIsReadOnly", hypothesisId, 4);
        assertThat(afterPivot.body().path("detail").asText()).contains("PIVOTED");
        assertRefused(commands.post("/api/hypotheses/h-next-" + suffix + "/reopening", Requests.reason("open")),
                409, "OnlyDecidedHypothesisReopens", "h-next-" + suffix, 1);
    }

    @Test
    void createsAreIdempotentAndIdsBelongToOneThing() {
        Map<String, Object> proposal = Requests.hypothesis(hypothesisId, "Keys rotate themselves");
        Response retry = created(commands.post("/api/hypotheses", proposal));
        assertThat(retry.body().path("version").asLong()).isZero();
        assertRefused(commands.post("/api/hypotheses", Requests.with(proposal, "title", "Other")), 409,
                "HypothesisIdTaken", hypothesisId, 1);
        assertRefused(commands.post("/api/hypotheses", Requests.hypothesis(meetingId, "Not a meeting")), 409,
                "IdTaken", meetingId, 2);
        assertRefused(commands.post("/api/hypotheses",
                        Requests.with(Requests.hypothesis("h-child-" + suffix, "Child"), "parentId", "h-nowhere")),
                422, "ParentHypothesisMustExist", "h-child-" + suffix, 0);
        assertRefused(commands.post("/api/hypotheses/" + hypothesisId + "/pivot", Map.of("rationale", "r",
                        "successor", Requests.hypothesis(hypothesisId, "Itself"))),
                409, "SuccessorIsANewHypothesis", hypothesisId, 1);
    }

    @Test
    void aStaleIfMatchIsRefusedAndResponsesCarryTheirETag() {
        Response revised = commands.putWithHeader("/api/hypotheses/" + hypothesisId,
                Map.of("title", "Keys rotate on their own", "reason", "clearer"), "If-Match", "\"0\"");
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.header("ETag")).isEqualTo("\"1\"");
        Response stale = commands.putWithHeader("/api/hypotheses/" + hypothesisId,
                Map.of("title", "Seen at version 0", "reason", "stale"), "If-Match", "\"0\"");
        assertRefused(stale, 412, "StaleVersion", hypothesisId, 2);
        assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentConflictingDecisionsLeaveExactlyOneWinner() throws Exception {
        created(commands.post(evidencePath(), Requests.evidence("e-1", meetingId, "SUPPORTS")));
        created(commands.post(evidencePath(), Requests.evidence("e-2", "m-" + suffix, "o-1", "CONTRADICTS")));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String outcome = i % 2 == 0 ? "VALIDATED" : "INVALIDATED";
            boolean withIfMatch = i % 3 == 0;
            answers.add(clients.submit(() -> {
                start.await();
                Map<String, Object> decision = Requests.decision(outcome, List.of("e-1", "e-2"));
                return withIfMatch
                        ? commands.postWithHeader("/api/hypotheses/" + hypothesisId + "/decisions", decision,
                        "If-Match", "\"2\"")
                        : commands.post("/api/hypotheses/" + hypothesisId + "/decisions", decision);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            statuses.add(answer.get().status());
        }
        clients.shutdown();
        Map<Integer, Long> counted = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(counted.get(201)).as(counted.toString()).isEqualTo(1);
        assertThat(counted.keySet()).as(counted.toString()).isSubsetOf(201, 409, 412);
        assertThat(running.storedEvents(hypothesisId)).isEqualTo(4);

        await().atMost(Duration.ofSeconds(10)).until(() -> topicEvents(hypothesisId).size() == 4);
        assertThat(topicEvents(hypothesisId)).containsExactly("HypothesisProposedEvent", "EvidenceLinkedEvent",
                "EvidenceLinkedEvent", "HypothesisDecidedEvent");
    }

    /**
     * The scripted walk-through: three meetings with observations, two hypotheses, supporting and contradicting
     * evidence, one validated, reopened and invalidated, the other pivoted; every step on the topic, in order per
     * aggregate.
     */
    @Test
    void theWalkThroughLandsOnTheTopicInOrderPerAggregate() {
        String w = "w-" + suffix;
        for (int i = 1; i <= 3; i++) {
            created(commands.post("/api/meetings", Requests.meeting(w + "-m" + i, "Org " + i)));
            created(commands.post("/api/meetings/" + w + "-m" + i + "/observations",
                    Requests.observation("o-" + i, "Observation " + i)));
        }
        created(commands.post("/api/hypotheses", Requests.hypothesis(w + "-h1", "First idea")));
        created(commands.post("/api/hypotheses", Requests.hypothesis(w + "-h2", "Second idea")));
        String h1 = "/api/hypotheses/" + w + "-h1";
        String h2 = "/api/hypotheses/" + w + "-h2";
        created(commands.post(h1 + "/evidence", Requests.evidence("e-1", w + "-m1", "o-1", "SUPPORTS")));
        created(commands.post(h1 + "/evidence", Requests.evidence("e-2", w + "-m2", "o-2", "CONTRADICTS")));
        created(commands.post(h2 + "/evidence", Requests.evidence("e-3", w + "-m3", "o-3", "CONTRADICTS")));
        created(commands.post(h1 + "/decisions", Requests.decision("VALIDATED", List.of("e-1"))));
        assertThat(commands.post(h1 + "/reopening", Requests.reason("Org 2 disagrees")).status()).isEqualTo(200);
        created(commands.post(h1 + "/decisions", Requests.decision("INVALIDATED", List.of("e-1", "e-2"))));
        created(commands.post(h2 + "/pivot", Map.of("rationale", "They want something else",
                "successor", Requests.hypothesis(w + "-h3", "Third idea"))));

        Map<String, List<String>> expected = Map.of(
                w + "-m1", List.of("MeetingRecordedEvent", "ObservationCapturedEvent"),
                w + "-h1", List.of("HypothesisProposedEvent", "EvidenceLinkedEvent", "EvidenceLinkedEvent",
                        "HypothesisDecidedEvent", "HypothesisReopenedEvent", "HypothesisDecidedEvent"),
                w + "-h2", List.of("HypothesisProposedEvent", "EvidenceLinkedEvent", "HypothesisPivotedEvent"),
                w + "-h3", List.of("HypothesisProposedEvent"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> expected.forEach((aggregate, types) ->
                assertThat(topicEvents(aggregate)).as(aggregate).containsExactlyElementsOf(types)));
        JsonNode successor = TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                .filter(r -> (w + "-h3").equals(r.key())).map(TopicReader::json).findFirst().orElseThrow();
        assertThat(successor.path("payload").path("parentId").asText()).isEqualTo(w + "-h2");
    }

    /** The simple type names of an aggregate's events on the topic, in partition order, checked to be gap-free. */
    private static List<String> topicEvents(String aggregateId) {
        List<JsonNode> records = TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                .filter(r -> aggregateId.equals(r.key())).map(TopicReader::json).toList();
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).path("sequenceNumber").asLong()).as(aggregateId + " record " + i).isEqualTo(i);
        }
        return records.stream().map(r -> r.path("eventType").asText().replaceAll(".*\\.", "")).toList();
    }
}
