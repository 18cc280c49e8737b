package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.query.QuerySideApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topic loses records the event store holds; a reconciliation puts exactly those back, a second one changes
 * nothing, the query side applies nothing twice, and a query side built from the topic alone is complete.
 */
class ReconciliationIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    @Test
    void eventsLostFromTheTopicAreRepublishedOnceAndAQuerySideBuiltFromTheTopicIsComplete() throws Exception {
        Api commands = running.commands();
        List<String> meetings = new ArrayList<>();
        List<String> hypotheses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            meetings.add("m-lost-" + i);
            assertThat(commands.post("/api/meetings", Requests.meeting("m-lost-" + i, "Lost Org " + i)).status())
                    .isEqualTo(201);
        }
        for (int i = 0; i < 6; i++) {
            String hypothesisId = "h-lost-" + i;
            hypotheses.add(hypothesisId);
            assertThat(commands.post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Lost " + i)).status())
                    .isEqualTo(201);
            for (int piece = 0; piece < 2; piece++) {
                assertThat(commands.post("/api/hypotheses/" + hypothesisId + "/evidence", Requests.evidence(
                        "e-" + i + "-" + piece, meetings.get((i + piece) % 6), "SUPPORTS")).status()).isEqualTo(201);
            }
        }
        TopicAndStore.awaitPublished(running, Set.of());
        Set<String> lost = TopicAndStore.loseBusiestPartition(running);
        assertThat(lost).isNotEmpty();
        writeRecordThatIsNoEnvelope();
        // newer events land on the partitions after the lost ones, as they would after a broker's loss
        for (int i = 0; i < 6; i++) {
            meetings.add("m-after-" + i);
            assertThat(commands.post("/api/meetings", Requests.meeting("m-after-" + i, "After Org " + i)).status())
                    .isEqualTo(201);
        }
        TopicAndStore.awaitPublished(running, lost);
        Set<String> stored = TopicAndStore.stored(running);
        assertThat(TopicAndStore.onTopic(running)).doesNotContainAnyElementsOf(lost)
                .hasSize(stored.size() - lost.size());

        Api.Response started = commands.post("/api/admin/reconciliation", Map.of());
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).endsWith("/api/admin/reconciliation");
        assertThat(started.body().path("trigger").asText()).isEqualTo("REQUESTED");
        assertThat(started.body().path("requestedBy").asText()).isEqualTo(RunningSystem.USER);
        JsonNode report = TopicAndStore.awaitReconciliation(commands).path("report");
        assertThat(report.path("eventsInStore").asLong()).isEqualTo(stored.size());
        assertThat(report.path("eventsOnTopic").asLong()).isEqualTo(stored.size() - lost.size());
        assertThat(report.path("missing").asLong()).isEqualTo(lost.size());
        assertThat(report.path("republished").asLong()).isEqualTo(lost.size());
        assertThat(report.path("unreadableRecords").asLong()).isEqualTo(1);
        assertThat(report.path("unknownToStore").asLong()).isZero();
        assertThat(report.path("leftToPublisher").asLong()).isZero();
        assertThat(TopicAndStore.onTopic(running)).isEqualTo(stored);

        // again, from the standalone jar's command: nothing is missing any more
        StringWriter output = new StringWriter();
        int exitCode = new CommandLine(new ReconcileCommand()).setOut(new PrintWriter(output))
                .execute("--url=" + running.system().commandUrl(), "--token=" + RunningSystem.TOKEN);
        assertThat(exitCode).as(output.toString()).isZero();
        assertThat(output.toString()).contains("Reconciliation done").containsPattern("missing +0\\n")
                .containsPattern("republished +0\\n");
        JsonNode again = commands.get("/api/admin/reconciliation").body().path("report");
        assertThat(again.path("eventsOnTopic").asLong()).isEqualTo(stored.size());
        assertThat(again.path("duplicatesOnTopic").asLong()).isEqualTo(report.path("duplicatesOnTopic").asLong());

        // the query side saw the lost events before they were lost: the republished copies change nothing
        assertComplete(running.queries(), meetings, hypotheses);
        // and a query side that starts from the topic alone now finds every event there
        int port = RunningSystem.freePort();
        List<String> arguments = new ArrayList<>(running.system().querySideArguments().stream()
                .filter(argument -> !argument.startsWith("--spring.datasource.url=")
                        && !argument.startsWith("--server.port="))
                .toList());
        arguments.add("--spring.datasource.url=" + running.infrastructure().jdbcUrl("insight_projections_fresh"));
        arguments.add("--server.port=" + port);
        // from the first record each partition still has; Kafka's default (latest) would skip a partition whose
        // first records are gone, and the query side does not set it (a rebuild there misses such a partition)
        arguments.add("--axon.kafka.consumer.auto-offset-reset=earliest");
        try (ConfigurableApplicationContext fresh = QuerySideApplication.builder()
                .run(arguments.toArray(String[]::new))) {
            Api freshQueries = Api.as("http://127.0.0.1:" + port, RunningSystem.TOKEN);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                    freshQueries.get("/api/meetings?size=200").body().path("totalItems").asLong() == meetings.size()
                            && freshQueries.get("/api/hypotheses?size=200").body().path("totalItems").asLong()
                            == hypotheses.size());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertComplete(freshQueries, meetings, hypotheses));
        }
    }

    /** Every meeting and hypothesis is there, each event applied once: the timelines have exactly their events. */
    private static void assertComplete(Api queries, List<String> meetings, List<String> hypotheses) {
        for (String meetingId : meetings) {
            assertThat(queries.get("/api/meetings/" + meetingId).status()).as(meetingId).isEqualTo(200);
        }
        for (String hypothesisId : hypotheses) {
            assertThat(queries.get("/api/hypotheses/" + hypothesisId + "/timeline").body().path("items"))
                    .as("timeline of " + hypothesisId).hasSize(3);
            assertThat(queries.get("/api/hypotheses/" + hypothesisId).body().path("supportingCount").asInt())
                    .as(hypothesisId).isEqualTo(2);
        }
        assertThat(queries.get("/api/meetings?size=200").body().path("totalItems").asLong())
                .isEqualTo(meetings.size());
        assertThat(queries.get("/api/hypotheses?size=200").body().path("totalItems").asLong())
                .isEqualTo(hypotheses.size());
    }

    @Test
    void theEndpointIsDescribedForAdministrators() {
        JsonNode operations = running.commands().get("/v3/api-docs").body()
                .path("paths").path("/api/admin/reconciliation");
        assertThat(operations.path("post").path("description").asText()).contains("Required role: ADMIN");
        assertThat(operations.path("post").path("x-required-role").asText()).isEqualTo("ADMIN");
        assertThat(operations.at("/post/responses/409/content").has("application/problem+json")).isTrue();
        assertThat(operations.path("get").path("responses").fieldNames()).toIterable()
                .contains("200", "401", "403", "404");
        assertThat(Api.anonymous(running.system().commandUrl()).post("/api/admin/reconciliation", Map.of())
                .contentType()).isEqualTo("application/problem+json");
    }

    private static void writeRecordThatIsNoEnvelope() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.infrastructure().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicReader.TOPIC, "someone-else",
                    "written by hand".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
    }
}
