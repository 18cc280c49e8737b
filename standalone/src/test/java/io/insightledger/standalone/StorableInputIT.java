package io.insightledger.standalone;

import io.insightledger.standalone.Api.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What PostgreSQL cannot store is refused at the door, in every command: before this check, one meeting with a NUL in
 * its notes answered 201 and stopped the meetings view for good, and an instant of year -5000 stopped both views.
 */
class StorableInputIT {

    private static final String NUL = "nul \u0000 inside";

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private final Api commands = running.commands();
    private final Api queries = running.queries();

    @Test
    void aNulInANoteIsRefusedAndLaterMeetingsStillShow() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Response refused = commands.post("/api/meetings",
                Requests.with(Requests.meeting("m-nul-" + suffix, "Acme Bank"), "notes", NUL));
        assertRefused(refused, "notes", "StorableText");

        String later = "m-later-" + suffix;
        assertThat(commands.post("/api/meetings", Requests.meeting(later, "Acme Bank")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.get("/api/meetings/" + later).status() == 200);
        assertThat(onTopic()).contains(later).doesNotContain("m-nul-" + suffix);
    }

    @Test
    void aLoneSurrogateIsRefusedInsteadOfStoredAsAQuestionMark() {
        String json = """
                {"id": "m-lone", "title": "t", "occurredAt": "2026-03-02T10:00:00Z", "organization": "Acme",
                 "segment": "bank", "channel": "VIDEO", "notes": "fine",
                 "attendees": [{"name": "lone \\ud800 half", "role": "Engineer", "side": "CUSTOMER"}]}""";
        assertRefused(commands.postRaw("/api/meetings", json), "attendees[0].name", "StorableText");
        assertThat(onTopic()).doesNotContain("m-lone");
    }

    @Test
    void instantsPostgresCannotStoreAreRefusedInBodiesHeadersAndQueries() {
        assertRefused(commands.post("/api/meetings", Requests.with(Requests.meeting("m-ancient", "Acme Bank"),
                "occurredAt", "-5000-01-01T00:00:00Z")), "occurredAt", "NotBefore1900");
        // import mode is on in this system, and the demo user is an ADMIN
        assertRefused(commands.postWithHeader("/api/hypotheses", Requests.hypothesis("h-ancient", "Old idea"),
                "X-Effective-Time", "-5000-01-01T00:00:00Z"), "X-Effective-Time", "NotBefore1900");
        assertThat(onTopic()).doesNotContain("m-ancient", "h-ancient");

        assertRefused(queries.get("/api/decisions?from=-5000-01-01T00:00:00Z"), "from", "NotBefore1900");
        assertRefused(queries.get("/api/dashboard?to=%2B300000-01-01T00:00:00Z"), "to", "NotAfter9999");
        assertRefused(queries.get("/api/meetings?from=1899-12-31T23:59:59Z"), "from", "NotBefore1900");
        assertRefused(queries.get("/api/hypotheses?asOf=-5000-01-01T00:00:00Z"), "asOf", "NotBefore1900");
        assertRefused(queries.get("/api/hypotheses/h-any?asOf=%2B300000-01-01T00:00:00Z"), "asOf", "NotAfter9999");
    }

    @Test
    void queryParametersWithANulAreRefusedNotPassedToSql() {
        assertRefused(queries.get("/api/hypotheses?text=a%00b"), "text", "StorableText");
        assertRefused(queries.get("/api/meetings?organization=a%00b"), "organization", "StorableText");
    }

    /** Every command's body is checked, whatever its shape: a NUL anywhere answers 400 naming the field. */
    @Test
    void everyCommandRefusesANul() {
        String meeting = "m-any-" + UUID.randomUUID().toString().substring(0, 8);
        String hypothesis = "h-any-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> attendee = Map.of("name", "Kim", "role", NUL, "side", "CUSTOMER");

        assertRefused(commands.post("/api/meetings", Requests.with(Requests.meeting(meeting, "Acme"), "title", NUL)),
                "title", "StorableText");
        assertRefused(commands.put("/api/meetings/" + meeting + "/notes", Map.of("notes", NUL)),
                "notes", "StorableText");
        assertRefused(commands.put("/api/meetings/" + meeting + "/attendees", Map.of("attendees", List.of(attendee))),
                "attendees[0].role", "StorableText");
        assertRefused(commands.post("/api/meetings/" + meeting + "/observations", Requests.observation("o-1", NUL)),
                "text", "StorableText");
        assertRefused(commands.put("/api/meetings/" + meeting + "/observations/o-1", Map.of("text", NUL)),
                "text", "StorableText");
        assertRefused(commands.post("/api/meetings/" + meeting + "/retraction", Requests.reason(NUL)),
                "reason", "StorableText");
        assertRefused(commands.post("/api/hypotheses", Requests.with(Requests.hypothesis(hypothesis, "Idea"),
                "tags", List.of("fine", NUL))), "tags[1]", "StorableText");
        assertRefused(commands.put("/api/hypotheses/" + hypothesis, Map.of("statement", NUL, "reason", "r")),
                "statement", "StorableText");
        assertRefused(commands.post("/api/hypotheses/" + hypothesis + "/evidence",
                Requests.with(Requests.evidence("e-1", meeting, "SUPPORTS"), "note", NUL)), "note", "StorableText");
        assertRefused(commands.post("/api/hypotheses/" + hypothesis + "/evidence/e-1/withdrawal", Requests.reason(NUL)),
                "reason", "StorableText");
        assertRefused(commands.post("/api/hypotheses/" + hypothesis + "/decisions",
                Map.of("outcome", "PARKED", "rationale", NUL, "evidenceIds", List.of())), "rationale", "StorableText");
        assertRefused(commands.post("/api/hypotheses/" + hypothesis + "/reopening", Requests.reason(NUL)),
                "reason", "StorableText");
        assertRefused(commands.post("/api/hypotheses/" + hypothesis + "/pivot", Map.of("rationale", "r",
                "successor", Requests.with(Requests.hypothesis("h-next", "Next"), "successCriteria", NUL))),
                "successor.successCriteria", "StorableText");
        assertThat(onTopic()).doesNotContain(meeting, hypothesis, "h-next");
    }

    private static void assertRefused(Response response, String field, String rule) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("errors").findValuesAsText("field")).as(response.raw().body())
                .contains(field);
        assertThat(response.body().path("errors").findValuesAsText("rule")).contains(rule);
    }

    private static List<String> onTopic() {
        return TopicReader.readAll(running.infrastructure().kafkaBootstrapServers()).stream()
                .map(ConsumerRecord::key).toList();
    }
}
