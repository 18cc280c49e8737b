package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.insightledger.events.EventMetadata;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import io.insightledger.events.hypothesis.EvidenceWithdrawnEvent;
import io.insightledger.events.hypothesis.HypothesisCategory;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import io.insightledger.events.hypothesis.HypothesisProposedEvent;
import io.insightledger.events.hypothesis.HypothesisReopenedEvent;
import io.insightledger.events.hypothesis.HypothesisRevisedEvent;
import io.insightledger.platform.kafka.LedgerRecordConverter;
import io.insightledger.query.QuerySideApplication;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The limits that keep one request or one aggregate from taking a service down: 30 MB bodies (declared or chunked)
 * are refused unread by both APIs and the web proxy, a list of 10,000 attendees is refused by name, and a hypothesis
 * with 10,000 events reads page by page with the query side in a JVM of its own with a modest heap.
 */
class LimitsIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    private static final int LIMIT = 1024 * 1024;
    private static final long BODY = 30L * 1024 * 1024;
    private static final String QUERY_SIDE_HEAP = "-Xmx256m";
    private static final int EVENTS = 10_000;
    /** What refused requests may leave in a heap after a full collection (meters, buffers): a third of a body. */
    private static final long HEAP_KEPT = 10L * 1024 * 1024;

    private static JavaProcess querySide;

    @BeforeAll
    static void querySideInItsOwnJvm(@TempDir Path logs) {
        running.system().stopQuerySide();
        List<String> arguments = new ArrayList<>(List.of(QUERY_SIDE_HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), QuerySideApplication.class.getName()));
        arguments.addAll(running.system().querySideArguments());
        // the projection re-folds a hypothesis's whole journal once per batch: fewer batches make the long history
        // quicker to project, and the reads are what this test is about
        arguments.add("--insight.projections.batch-size=1000");
        querySide = JavaProcess.start(arguments, Map.of(), logs.resolve("query-side.log"));
        querySide.awaitOutput("Started QuerySideApplication", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopQuerySide() {
        if (querySide != null) {
            querySide.close();
        }
    }

    /** What a client sending a 30 MB body saw: the answer, and whether all of the body got out. */
    private record Refusal(int status, String head, JsonNode problem, boolean wholeBodySent) {
    }

    /**
     * Sends a 30 MB body over a plain socket while reading the answer, as a client would that does not wait for
     * {@code 100 Continue}: only a server that stops reading and closes the connection keeps the rest from arriving.
     */
    private static Refusal sendThirtyMegabytes(URI target, boolean chunked) throws Exception {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target.getPath() + " HTTP/1.1\r\nHost: " + target.getAuthority()
                    + "\r\nAuthorization: Bearer " + RunningSystem.TOKEN
                    + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + BODY) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // white space: a JSON parser would have to read all of it
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) ' ');
            byte[] framed = chunked ? frame(block) : block;
            CompletableFuture<Boolean> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    for (long sent = 0; sent < BODY; sent += block.length) {
                        out.write(framed);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    return true;
                } catch (IOException closedByTheServer) {
                    return false;
                }
            });
            String answer = readUntilClosed(socket.getInputStream());
            boolean wholeBodySent = sending.get(30, TimeUnit.SECONDS);
            int headersEnd = answer.indexOf("\r\n\r\n");
            assertThat(headersEnd).as("an answer from " + target + ": " + answer).isPositive();
            String body = answer.substring(headersEnd + 4);
            return new Refusal(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, headersEnd),
                    body.isEmpty() ? Api.JSON.missingNode() : Api.JSON.readTree(body), wholeBodySent);
        }
    }

    /** One chunk of a chunked body. */
    private static byte[] frame(byte[] block) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.writeBytes(block);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }

    /** The answer up to the end of the connection; a reset after the answer (the body was left unread) ends it too. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketException reset) {
            // the server closed with the body's rest unread: what it answered before is all there is
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** The heap a service holds on to: read from its metrics just after a full collection. */
    private static double retainedHeap(Api service, Runnable collectGarbage) {
        collectGarbage.run();
        return service.get("/actuator/metrics/jvm.memory.used?tag=area:heap").body()
                .path("measurements").get(0).path("value").asDouble();
    }

    @Test
    void thirtyMegabyteBodiesAreRefusedUnreadAndTheServicesStayWell() throws Exception {
        Api commands = running.commands();
        Api queries = running.queries();
        // the command side runs in this JVM, the query side in its own
        double commandHeapBefore = retainedHeap(commands, System::gc);
        double queryHeapBefore = retainedHeap(queries, querySide::collectGarbage);

        List<URI> targets = List.of(
                URI.create(running.system().commandUrl() + "/api/meetings"),
                URI.create(running.system().queryUrl() + "/api/admin/projections/rebuild"),
                URI.create(running.system().webUrl() + "/api/meetings"),
                URI.create(running.system().webUrl() + "/api/admin/projections/rebuild"));
        for (boolean chunked : List.of(false, true)) {
            for (URI target : targets) {
                String what = target + (chunked ? ", chunked" : "");
                Refusal refusal = sendThirtyMegabytes(target, chunked);
                assertThat(refusal.status()).as(what).isEqualTo(413);
                assertThat(refusal.head()).as(what).containsIgnoringCase("Content-Type: application/problem+json")
                        .containsIgnoringCase("Connection: close");
                assertThat(refusal.problem().path("rule").asText()).as(what).isEqualTo("BodyWithinLimit");
                assertThat(refusal.problem().path("limit").asLong()).as(what).isEqualTo(LIMIT);
                assertThat(refusal.wholeBodySent()).as(what + ": the server read the whole body").isFalse();
            }
        }

        // nothing was started by a refused request, and both services answer as before
        assertThat(queries.get("/api/admin/projections").body().path("items").findValuesAsText("state"))
                .isNotEmpty().doesNotContain("REBUILDING");
        String meetingId = "m-" + UUID.randomUUID();
        assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Limits Bank")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> queries.get("/api/meetings/" + meetingId).status() == 200);
        double commandHeapAfter = retainedHeap(commands, System::gc);
        double queryHeapAfter = retainedHeap(queries, querySide::collectGarbage);
        assertThat(commandHeapAfter - commandHeapBefore).as("command side heap kept").isLessThan(HEAP_KEPT);
        assertThat(queryHeapAfter - queryHeapBefore).as("query side heap kept").isLessThan(HEAP_KEPT);
    }

    @Test
    void tenThousandAttendeesAreRefusedByName() {
        List<Map<String, Object>> attendees = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            attendees.add(Map.of("name", "Attendee " + i, "role", "Listener", "side", "CUSTOMER"));
        }
        Map<String, Object> meeting = Requests.with(Requests.meeting("m-crowd", "Crowd Bank"), "attendees", attendees);
        assertThat(Api.JSON.valueToTree(meeting).toString().length()).as("within the body limit").isLessThan(LIMIT);

        Api.Response response = running.commands().post("/api/meetings", meeting);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().path("errors")).anySatisfy(error -> {
            assertThat(error.path("field").asText()).isEqualTo("attendees");
            assertThat(error.path("rule").asText()).isEqualTo("Size");
        });
        assertThat(running.storedEvents("m-crowd")).isZero();
    }

    @Test
    void aHypothesisWithTenThousandEventsReadsPageByPage() throws Exception {
        Api commands = running.commands();
        Api queries = running.queries();
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<String> meetings = List.of("m-" + batch + "-a", "m-" + batch + "-b", "m-" + batch + "-c");
        for (String meetingId : meetings) {
            assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Org " + meetingId)).status())
                    .isEqualTo(201);
        }
        String hypothesisId = "h-long-" + batch;
        Instant first = Instant.now().minus(EVENTS, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        publish(hypothesisId, meetings, first);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                queries.get("/api/hypotheses/" + hypothesisId).body().path("version").asLong() == EVENTS - 1);
        JsonNode now = queries.get("/api/hypotheses/" + hypothesisId).body();

        JsonNode start = queries.get("/api/hypotheses/" + hypothesisId + "/timeline?size=200").body();
        assertThat(start.path("totalItems").asLong()).isEqualTo(EVENTS);
        assertThat(start.path("totalPages").asInt()).isEqualTo(EVENTS / 200);
        assertThat(start.path("items")).hasSize(200);
        assertThat(start.path("items").get(0).path("type").asText()).isEqualTo("HypothesisProposed");

        JsonNode end = queries.get("/api/hypotheses/" + hypothesisId + "/timeline?size=200&page=49").body();
        assertThat(end.path("items")).hasSize(200);
        JsonNode last = end.path("items").get(199);
        assertThat(last.path("sequenceNumber").asLong()).isEqualTo(EVENTS - 1);
        assertThat(last.path("confidence").asDouble()).isCloseTo(now.path("confidence").asDouble(), within(1e-9));

        JsonNode evolution = queries.get("/api/hypotheses/" + hypothesisId + "/evolution?size=2&page="
                + (EVENTS / 2 - 1)).body();
        assertThat(evolution.path("totalItems").asLong()).isEqualTo(EVENTS);
        JsonNode lastState = evolution.path("items").get(1).path("state");
        assertThat(lastState.path("version").asLong()).isEqualTo(EVENTS - 1);
        assertThat(lastState.path("evidence")).hasSameSizeAs(now.path("evidence"));
        assertThat(lastState.path("supportingCount").asInt()).isEqualTo(now.path("supportingCount").asInt());

        Instant halfway = first.plus(EVENTS / 2, ChronoUnit.MINUTES);
        JsonNode then = queries.get("/api/hypotheses/" + hypothesisId + "?asOf=" + halfway).body();
        assertThat(then.path("version").asLong()).isEqualTo(EVENTS / 2);
        assertThat(then).isEqualTo(queries.get("/api/hypotheses/" + hypothesisId + "/evolution?size=1&page="
                + EVENTS / 2).body().path("items").get(0).path("state"));

        assertThat(querySide.output()).doesNotContain("OutOfMemoryError");
    }

    /**
     * Writes a hypothesis's events straight to the topic, one a minute from {@code first}: mostly evidence (some of
     * it withdrawn later) and revisions, a decision and a reopening now and then.
     */
    private static void publish(String hypothesisId, List<String> meetings, Instant first) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        LedgerRecordConverter converter = new LedgerRecordConverter(
                JacksonSerializer.builder().objectMapper(mapper).build(), new EventUpcasterChain());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.infrastructure().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                // a few large batches: the broker writes each one through to disk
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int sequence = 0; sequence < EVENTS; sequence++) {
                Object event = event(hypothesisId, meetings, sequence);
                producer.send(converter.createKafkaMessage(new GenericDomainEventMessage<>("Hypothesis",
                        hypothesisId, sequence, event,
                        MetaData.with(EventMetadata.ACTOR, RunningSystem.USER)
                                .and(EventMetadata.CORRELATION_ID, "limits-" + sequence),
                        UUID.randomUUID().toString(), first.plus(sequence, ChronoUnit.MINUTES)),
                        TopicReader.TOPIC));
            }
            producer.flush();
        }
    }

    private static Object event(String hypothesisId, List<String> meetings, int sequence) {
        if (sequence == 0) {
            return new HypothesisProposedEvent(hypothesisId, "A long-lived idea", "We believe it lasts",
                    HypothesisCategory.DESIRABILITY, "We are right if it lasts", RunningSystem.USER, List.of("long"),
                    List.of("bank"), null, EventMetadata.DEFAULT_WORKSPACE);
        }
        if (sequence % 1000 == 998) {
            return new HypothesisDecidedEvent(hypothesisId, "d-" + sequence, DecisionOutcome.PARKED, "Not now",
                    List.of());
        }
        if (sequence % 1000 == 999) {
            return new HypothesisReopenedEvent(hypothesisId, "Now after all");
        }
        return switch (sequence % 10) {
            case 0, 1, 2, 3 -> new EvidenceLinkedEvent(hypothesisId, "e-" + sequence,
                    meetings.get(sequence % meetings.size()), null,
                    sequence % 3 == 0 ? EvidenceDirection.CONTRADICTS : EvidenceDirection.SUPPORTS,
                    EvidenceStrength.values()[sequence % 3], "Heard at step " + sequence, false);
            case 4 -> new EvidenceWithdrawnEvent(hypothesisId, "e-" + (sequence - 3), "Misheard");
            default -> new HypothesisRevisedEvent(hypothesisId, null, "We believe it lasts, take " + sequence, null,
                    "Sharper");
        };
    }
}
