package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.standalone.Api.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events a projection cannot apply are parked in its dead-letter queue, in order per aggregate, while every other
 * aggregate keeps flowing; health and metrics say so; a retry (once the cause is fixed) or an eviction completes the
 * view. Before the queue, one such event stopped its projection for good while health said UP.
 */
class PoisonEventsIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    private final Api commands = running.commands();
    private final Api queries = running.queries();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void everyLetterWasDealtWith() {
        assertThat(queries.get("/api/admin/dead-letters").body().path("totalItems").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(projectionsHealth().path("status").asText()).isEqualTo("UP");
            assertThat(queries.get("/actuator/health").body().path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void aMeetingWhoseTextPostgresRefusesIsParkedAndEvictedWhileOthersFlow() {
        String poisoned = "m-nul-" + suffix;
        ObjectNode envelope = envelopeOfANewMeeting(poisoned);
        // notes as a value recorded in clear (sealed ones are base64): the projection stores the text as it opens it
        ((ObjectNode) envelope.path("payload")).putObject("notes").put("data", "nul \u0000 inside");
        publish(poisoned, envelope);

        JsonNode letter = awaitLetter("meetings", poisoned);
        assertThat(letter.path("eventType").asText()).isEqualTo("io.insightledger.events.meeting.MeetingRecordedEvent");
        assertThat(letter.path("sequenceNumber").asLong()).isZero();
        assertThat(letter.path("cause").asText()).contains("0x00");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.path("enqueuedAt").asText()).isNotEmpty();
        assertThat(letter.path("lastAttemptAt").asText()).isNotEmpty();
        assertThat(letter.path("nextAttemptAt").asText()).isNotEmpty();
        assertDegradedWith("meetings");
        assertThat(queries.get("/actuator/metrics/insight.projection.dead.letters?tag=projection:meetings").body()
                .path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(queries.get("/actuator/health/readiness").body().path("status").asText()).isEqualTo("UP");
        assertOthersStillFlow();

        // a retry meets the same wall: the letter stays, with its attempts counted
        Response retried = queries.post("/api/admin/dead-letters/" + letter.path("id").asLong() + "/retry", "{}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("applied").asInt()).isZero();
        assertThat(retried.body().path("remaining").asLong()).isEqualTo(1);
        assertThat(letter(letter.path("id").asLong()).path("letter").path("attempts").asInt()).isEqualTo(2);

        Response evicted = queries.post("/api/admin/dead-letters/" + letter.path("id").asLong() + "/evict",
                Map.of("reason", "Written to the topic by hand, with a NUL"));
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(queries.get("/api/meetings/" + poisoned).status()).isEqualTo(404);
    }

    @Test
    void anUnknownEventTypeAndARecordThatIsNotAnEnvelopeAreParkedByEveryProjection() {
        String newer = "m-newer-" + suffix;
        ObjectNode envelope = envelopeOfANewMeeting(newer);
        envelope.put("eventType", "io.insightledger.events.meeting.MeetingRenamedEvent");
        publish(newer, envelope);
        String garbage = "m-garbage-" + suffix;
        publish(garbage, "this is not an envelope".getBytes(StandardCharsets.UTF_8));

        for (String projection : List.of("meetings", "hypotheses")) {
            assertThat(awaitLetter(projection, newer).path("cause").asText()).contains("unknown event type");
            JsonNode unreadable = awaitLetter(projection, garbage);
            assertThat(unreadable.path("cause").asText()).contains("JsonParseException");
            assertThat(unreadable.path("offset").isIntegralNumber()).isTrue();
            assertThat(letter(unreadable.path("id").asLong()).path("record").asText())
                    .isEqualTo("this is not an envelope");
        }
        assertDegradedWith("hypotheses");
        assertOthersStillFlow();

        for (JsonNode letter : letters()) {
            assertThat(queries.post("/api/admin/dead-letters/" + letter.path("id").asLong() + "/evict", "{}")
                    .status()).isEqualTo(200);
        }
    }

    /**
     * A handler that fails (here the database refuses one meeting, as a bug would) parks the event and holds the
     * meeting's later events behind it; once the cause is gone, a retry applies them all, in order.
     */
    @Test
    void aFailingHandlerParksItsAggregateInOrderAndARetryAfterTheFixCompletesTheView() throws SQLException {
        String refused = "m-refused-" + suffix;
        projectionDatabase("""
                CREATE FUNCTION refuse_poison_pill() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.title LIKE 'Poison pill%' THEN RAISE EXCEPTION 'refusing the poison pill'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_poison_pill BEFORE INSERT ON meeting
                    FOR EACH ROW EXECUTE FUNCTION refuse_poison_pill();""");
        try {
            assertThat(commands.post("/api/meetings", Requests.with(Requests.meeting(refused, "Acme Bank"),
                    "title", "Poison pill")).status()).isEqualTo(201);
            assertThat(commands.post("/api/meetings/" + refused + "/observations",
                    Requests.observation("o-1", "We rotate by hand")).status()).isEqualTo(201);

            JsonNode first = awaitLetter("meetings", refused);
            assertThat(first.path("cause").asText()).contains("refusing the poison pill");
            await().atMost(Duration.ofSeconds(10)).until(() -> lettersOf("meetings", refused).size() == 2);
            JsonNode behind = lettersOf("meetings", refused).get(1);
            assertThat(behind.path("sequenceNumber").asLong()).isEqualTo(1);
            assertThat(behind.path("cause").isNull() || behind.path("cause").isMissingNode()).isTrue();
            assertThat(lettersOf("hypotheses", refused)).isEmpty();
            assertOthersStillFlow();
        } finally {
            projectionDatabase("DROP TRIGGER refuse_poison_pill ON meeting; DROP FUNCTION refuse_poison_pill();");
        }

        Response retried = queries.post("/api/admin/dead-letters/"
                + lettersOf("meetings", refused).get(0).path("id").asLong() + "/retry", "{}");
        assertThat(retried.body().path("applied").asInt()).isEqualTo(2);
        assertThat(retried.body().path("remaining").asLong()).isZero();
        JsonNode meeting = queries.get("/api/meetings/" + refused).body();
        assertThat(meeting.path("title").asText()).isEqualTo("Poison pill");
        assertThat(meeting.path("observations")).hasSize(1);
        assertThat(meeting.path("version").asLong()).isEqualTo(1);
    }

    /**
     * An event whose predecessors never reached the topic is not applied out of order, nor ignored once they come:
     * it waits, and when they are published (as a reconciliation would), the aggregate is applied in order by itself.
     */
    @Test
    void anEventWhosePredecessorsAreMissingWaitsForThemAndAppliesOnceTheyArrive() {
        String template = "m-template-" + suffix;
        assertThat(commands.post("/api/meetings", Requests.meeting(template, "Template Inc")).status()).isEqualTo(201);
        for (String observation : List.of("o-1", "o-2")) {
            assertThat(commands.post("/api/meetings/" + template + "/observations",
                    Requests.observation(observation, "Said " + observation)).status()).isEqualTo(201);
        }
        List<ConsumerRecord<String, byte[]>> events = await().atMost(Duration.ofSeconds(10)).until(() ->
                TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                        .filter(r -> template.equals(r.key())).toList(), found -> found.size() == 3);
        String gapped = "m-gapped-" + suffix;
        publish(gapped, asMeeting(events.get(0), gapped));
        publish(gapped, asMeeting(events.get(2), gapped));

        JsonNode waiting = awaitLetter("meetings", gapped);
        assertThat(waiting.path("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(waiting.path("cause").asText()).contains("events 1 to 1 of this aggregate have not arrived");
        assertThat(awaitLetter("hypotheses", gapped).path("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(queries.get("/api/meetings/" + gapped).body().path("observations")).isEmpty();

        publish(gapped, asMeeting(events.get(1), gapped));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode meeting = queries.get("/api/meetings/" + gapped).body();
            assertThat(meeting.path("observations").findValuesAsText("id"))
                    .containsExactlyInAnyOrder("o-1", "o-2");
            assertThat(meeting.path("version").asLong()).isEqualTo(2);
            assertThat(lettersOf("meetings", gapped)).isEmpty();
            assertThat(lettersOf("hypotheses", gapped)).isEmpty();
        });
    }

    /** A meeting recorded through the API after the poison still shows within seconds. */
    private void assertOthersStillFlow() {
        String healthy = "m-healthy-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(commands.post("/api/meetings", Requests.meeting(healthy, "Healthy Ltd")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.get("/api/meetings/" + healthy).status() == 200);
    }

    private void assertDegradedWith(String projection) {
        JsonNode health = projectionsHealth();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("details").path("deadLetters").asLong()).isPositive();
        assertThat(health.path("details").path("oldestDeadLetter").asText()).isNotEmpty();
        assertThat(health.path("details").path(projection).path("deadLetters").asLong()).isPositive();
        Response overall = queries.get("/actuator/health");
        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.body().path("status").asText()).isEqualTo("DEGRADED");
    }

    private JsonNode projectionsHealth() {
        return queries.get("/actuator/health").body().path("components").path("projections");
    }

    /** The envelope of a meeting recorded through the API, made into another meeting's, for hand-made records. */
    private ObjectNode envelopeOfANewMeeting(String meetingId) {
        String template = "m-template-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(commands.post("/api/meetings", Requests.meeting(template, "Template Inc")).status()).isEqualTo(201);
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(10)).until(() ->
                TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                        .filter(r -> template.equals(r.key())).findFirst().orElse(null), r -> r != null);
        return asMeeting(record, meetingId);
    }

    /** One of a recorded meeting's records, made into the same event of another meeting. */
    private static ObjectNode asMeeting(ConsumerRecord<String, byte[]> record, String meetingId) {
        ObjectNode envelope = (ObjectNode) TopicReader.json(record);
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("aggregateId", meetingId);
        ((ObjectNode) envelope.path("payload")).put("meetingId", meetingId);
        return envelope;
    }

    private void publish(String key, ObjectNode envelope) {
        publish(key, envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void publish(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.infrastructure().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicReader.TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitLetter(String projection, String aggregateId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> lettersOf(projection, aggregateId), l -> !l.isEmpty())
                .get(0);
    }

    private List<JsonNode> lettersOf(String projection, String aggregateId) {
        return letters().stream().filter(l -> projection.equals(l.path("projection").asText())
                && aggregateId.equals(l.path("aggregateId").asText())).toList();
    }

    private List<JsonNode> letters() {
        JsonNode page = queries.get("/api/admin/dead-letters?size=200").body();
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    private JsonNode letter(long id) {
        return queries.get("/api/admin/dead-letters/" + id).body();
    }

    private void projectionDatabase(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                running.infrastructure().jdbcUrl(LedgerSystem.PROJECTION_DATABASE),
                running.infrastructure().username(), running.infrastructure().password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
