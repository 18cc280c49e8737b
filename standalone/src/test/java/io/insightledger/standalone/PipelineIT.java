package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole slice over real HTTP, PostgreSQL and Kafka: command, event store, topic, projection, query. */
class PipelineIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private final Api commands = running.commands();
    private final Api queries = running.queries();

    @Test
    void aValidatedHypothesisShowsOnTheQuerySideWithinTwoSeconds() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String meetingId = "m-" + suffix;
        String hypothesisId = "h-" + suffix;

        Response meeting = commands.post("/api/meetings", Requests.meeting(meetingId, "Acme Bank"));
        assertThat(meeting.status()).isEqualTo(201);
        assertThat(meeting.body().path("id").asText()).isEqualTo(meetingId);
        assertThat(meeting.header("Location")).isEqualTo(running.system().queryUrl() + "/api/meetings/" + meetingId);

        assertThat(commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Keys rotate themselves"))
                .status()).isEqualTo(201);
        Response evidence = commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                Requests.evidence("e-" + suffix, meetingId, "SUPPORTS"));
        assertThat(evidence.status()).isEqualTo(201);
        assertThat(evidence.body().path("version").asLong()).isEqualTo(1);
        Response decision = commands.post("/api/hypotheses/" + hypothesisId + "/decisions",
                Requests.decision("VALIDATED", List.of("e-" + suffix)));
        assertThat(decision.status()).isEqualTo(201);
        assertThat(decision.header("ETag")).isEqualTo("\"2\"");
        long decidedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            Response hypothesis = queries.get("/api/hypotheses/" + hypothesisId);
            assertThat(hypothesis.status()).isEqualTo(200);
            assertThat(hypothesis.body().path("status").asText()).isEqualTo("VALIDATED");
        });
        System.out.printf("Validated hypothesis visible on the query side after %d ms%n",
                Duration.ofNanos(System.nanoTime() - decidedAt).toMillis());

        JsonNode detail = queries.get("/api/hypotheses/" + hypothesisId).body();
        assertThat(detail.path("supportingCount").asInt()).isEqualTo(1);
        assertThat(detail.path("evidence").get(0).path("organization").asText()).isEqualTo("Acme Bank");
        assertThat(detail.path("decisions").get(0).path("outcome").asText()).isEqualTo("VALIDATED");
        assertThat(detail.path("decisions").get(0).path("decidedBy").asText()).isEqualTo(RunningSystem.USER);

        JsonNode timeline = queries.get("/api/hypotheses/" + hypothesisId + "/timeline").body();
        assertThat(timeline.path("items")).hasSize(3);
        assertThat(timeline.path("items").findValuesAsText("type"))
                .containsExactly("HypothesisProposed", "EvidenceLinked", "HypothesisDecided");
        assertThat(timeline.path("items").findValuesAsText("actor")).containsOnly(RunningSystem.USER);
        assertThat(timeline.path("totalItems").asLong()).isEqualTo(3);

        JsonNode board = queries.get("/api/hypotheses?status=VALIDATED").body();
        assertThat(board.path("items").findValuesAsText("id")).contains(hypothesisId);

        JsonNode meetingView = queries.get("/api/meetings/" + meetingId).body();
        assertThat(meetingView.path("organization").asText()).isEqualTo("Acme Bank");
        assertThat(meetingView.path("attendees")).hasSize(2);
    }

    @Test
    void everyRecordOnTheTopicReadsWithAPlainConsumerAndAJsonParser() {
        String hypothesisId = "h-" + UUID.randomUUID();
        String correlationId = "walkthrough-" + UUID.randomUUID().toString().substring(0, 8);
        Response proposed = commands.postWithHeader("/api/hypotheses", Requests.hypothesis(hypothesisId, "Readable"),
                "X-Correlation-Id", correlationId);
        assertThat(proposed.status()).isEqualTo(201);

        JsonNode record = await().atMost(Duration.ofSeconds(10))
                .until(() -> topicRecords().stream()
                        .filter(r -> hypothesisId.equals(r.key()))
                        .map(TopicReader::json)
                        .findFirst().orElse(null), found -> found != null);
        assertThat(record.path("eventType").asText())
                .isEqualTo("io.insightledger.events.hypothesis.HypothesisProposedEvent");
        // revision 2 added the workspace (docs/events.md); a request that names none records in default
        assertThat(record.path("eventRevision").asText()).isEqualTo("2");
        assertThat(record.path("payload").path("workspaceId").asText()).isEqualTo("default");
        assertThat(record.path("workspace").asText()).isEqualTo("default");
        assertThat(record.path("metadata").path("workspace").asText()).isEqualTo("default");
        // what the caller may do travels with the command to the aggregate, never into the event
        assertThat(record.path("metadata").has("workspaceAccess")).isFalse();
        assertThat(record.path("aggregateType").asText()).isEqualTo("Hypothesis");
        assertThat(record.path("aggregateId").asText()).isEqualTo(hypothesisId);
        assertThat(record.path("sequenceNumber").asLong()).isZero();
        assertThat(record.path("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(record.path("actor").asText()).isEqualTo(RunningSystem.USER);
        assertThat(record.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(record.path("metadata").path("actor").asText()).isEqualTo(RunningSystem.USER);
        assertThat(record.path("payload").path("title").asText()).isEqualTo("Readable");
    }

    @Test
    void theSameCreateTwiceCreatesOneThing() {
        String meetingId = "m-" + UUID.randomUUID();
        Map<String, Object> request = Requests.meeting(meetingId, "Retry Corp");
        Response first = commands.post("/api/meetings", request);
        Response second = commands.post("/api/meetings", request);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());

        Map<String, Object> different = Requests.with(request, "title", "Another meeting under the same id");
        Response conflict = commands.post("/api/meetings", different);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().path("rule").asText()).isEqualTo("MeetingIdTaken");

        await().atMost(Duration.ofSeconds(5)).until(() -> queries.get("/api/meetings/" + meetingId).status() == 200);
        assertThat(topicRecords().stream().filter(r -> meetingId.equals(r.key()))).hasSize(1);
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hypothesisId = "h-" + suffix;
        commands.post("/api/meetings", Requests.meeting("m-" + suffix, "Echo Ltd"));
        commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Redelivered"));
        commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                Requests.evidence("e-" + suffix, "m-" + suffix, "CONTRADICTS"));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                queries.get("/api/hypotheses/" + hypothesisId).body().path("contradictingCount").asInt() == 1);

        // what a publisher that crashed before saving its token would do: send the same records again
        List<ConsumerRecord<String, byte[]>> originals = topicRecords().stream()
                .filter(r -> hypothesisId.equals(r.key())).toList();
        assertThat(originals).hasSize(2);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.infrastructure().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> original : originals) {
                producer.send(new ProducerRecord<>(original.topic(), original.key(), original.value())).get();
            }
        }
        commands.post("/api/meetings", Requests.meeting("m2-" + suffix, "Foxtrot plc"));
        assertThat(commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                Requests.evidence("e2-" + suffix, "m2-" + suffix, "SUPPORTS")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                queries.get("/api/hypotheses/" + hypothesisId).body().path("supportingCount").asInt() == 1);

        JsonNode detail = queries.get("/api/hypotheses/" + hypothesisId).body();
        assertThat(detail.path("contradictingCount").asInt()).isEqualTo(1);
        assertThat(detail.path("evidence")).hasSize(2);
        assertThat(queries.get("/api/hypotheses/" + hypothesisId + "/timeline").body().path("items")).hasSize(3);
    }

    @Test
    void badInputChangesNothingAndAnswersClearly() {
        Response missing = commands.postRaw("/api/hypotheses", "{\"title\": \"No statement\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().path("errors").findValuesAsText("field"))
                .contains("statement", "category", "successCriteria");

        Response badEnum = commands.postRaw("/api/hypotheses",
                "{\"title\":\"t\",\"statement\":\"s\",\"category\":\"GUESSWORK\",\"successCriteria\":\"c\"}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.body().path("errors").get(0).path("field").asText()).isEqualTo("category");

        Response malformed = commands.postRaw("/api/meetings", "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Response badInstant = commands.post("/api/meetings",
                Requests.with(Requests.meeting("m-bad", "X"), "occurredAt", "last tuesday"));
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.body().path("errors").get(0).path("field").asText()).isEqualTo("occurredAt");

        Response future = commands.post("/api/meetings",
                Requests.with(Requests.meeting("m-future", "X"), "occurredAt", "2999-01-01T00:00:00Z"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().path("errors").get(0).path("rule").asText()).isEqualTo("NotFarInFuture");

        Response unknownHypothesis = commands.post("/api/hypotheses/h-nowhere/evidence",
                Requests.evidence("e-1", "m-1", "SUPPORTS"));
        assertThat(unknownHypothesis.status()).isEqualTo(404);
        assertThat(unknownHypothesis.contentType()).startsWith("application/problem+json");

        String hypothesisId = "h-" + UUID.randomUUID();
        commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Needs a real meeting"));
        Response unknownMeeting = commands.post("/api/hypotheses/" + hypothesisId + "/evidence",
                Requests.evidence("e-1", "m-nowhere", "SUPPORTS"));
        assertThat(unknownMeeting.status()).isEqualTo(422);
        assertThat(unknownMeeting.body().path("rule").asText()).isEqualTo("EvidenceNeedsRecordedMeeting");

        assertThat(queries.get("/api/hypotheses/h-nowhere").status()).isEqualTo(404);
        assertThat(queries.get("/api/meetings/m-nowhere").status()).isEqualTo(404);
        assertThat(queries.get("/api/meetings/m-nowhere").contentType()).startsWith("application/problem+json");
        assertThat(queries.get("/api/hypotheses?status=MAYBE").status()).isEqualTo(400);

        Response anonymous = Api.anonymous(running.system().commandUrl()).post("/api/meetings",
                Requests.meeting("m-anon", "X"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(Api.anonymous(running.system().queryUrl()).get("/api/hypotheses").status()).isEqualTo(401);
        assertThat(Api.as(running.system().queryUrl(), "il_wrong").get("/api/hypotheses").status())
                .isEqualTo(401);

        // none of it reached the event store or the topic
        assertThat(topicRecords().stream().map(ConsumerRecord::key))
                .doesNotContain("m-bad", "m-future", "m-anon", "h-nowhere");
    }

    @Test
    void healthIsOpenAndTheApiDescriptionAndMetricsNeedACredential() {
        Response health = Api.anonymous(running.system().commandUrl()).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().has("components")).isFalse();
        assertThat(commands.get("/actuator/health").body().has("components")).isTrue();
        assertThat(Api.anonymous(running.system().commandUrl()).get("/v3/api-docs").status()).isEqualTo(401);
        Response openApi = commands.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().path("paths").has("/api/hypotheses/{id}/pivot")).isTrue();
        assertThat(openApi.body().path("paths").has("/api/meetings/{id}/observations")).isTrue();
        assertThat(queries.get("/v3/api-docs").body().path("paths")
                .has("/api/hypotheses/{id}/timeline")).isTrue();
        Response prometheus = queries.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw().body()).contains("http_server_requests");
        assertThat(Api.anonymous(running.system().queryUrl()).get("/actuator/prometheus").status()).isEqualTo(401);
    }

    /** Everything on the topic right now, read from the start by a plain consumer. */
    static List<ConsumerRecord<String, byte[]>> topicRecords() {
        return TopicReader.readAll(running.infrastructure().kafkaBootstrapServers());
    }
}
