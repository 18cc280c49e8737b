package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.events.Sealed;
import io.insightledger.platform.privacy.PersonalData;
import io.insightledger.standalone.Api.Response;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person asks to be forgotten: an ADMIN answers their access request, erases them and redacts the meeting whose
 * notes name them. Afterwards their name is nowhere in clear (event store rows, topic records, any view), nothing
 * sealed for them opens any more, every decision and confidence is as before, and a rebuild of every projection shows
 * the same. Retention erases exactly the people past their workspace's period.
 *
 * <p>On the shared system, in workspaces of its own.
 */
class PrivacyIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private static final String KIM = "Kim Laine";
    private static final String KIM_ROLE = "Head of platform security";

    private final Identity identity = new Identity(running);
    private final Api commands = running.commands();
    private final Api queries = running.queries();

    @Test
    void anErasedPersonIsGoneFromEveryCopyWhileEveryDecisionStays() throws Exception {
        String ws = memberOfNewWorkspace("privacy");
        String m1 = Identity.name("m-privacy");
        String m2 = Identity.name("m-privacy");
        String h = Identity.name("h-privacy");
        created(commands.post("/api/meetings", meeting(m1, ws, "2026-03-02T10:00:00Z",
                List.of(Map.of("name", KIM, "role", KIM_ROLE, "side", "CUSTOMER"),
                        Map.of("name", "Lee Park", "role", "CISO", "side", "CUSTOMER")),
                KIM + " walked us through the rotation runbook.")));
        created(commands.post("/api/meetings/" + m1 + "/observations", Map.of("id", "o-1",
                "text", "Every quarter we rotate every key by hand.", "kind", "QUOTE", "speakerRole", KIM_ROLE,
                "speakerName", KIM)));
        String kim = projected("/api/meetings/" + m1).path("attendees").get(0).path("person").asText();
        String lee = projected("/api/meetings/" + m1).path("attendees").get(1).path("person").asText();
        assertThat(kim).matches("[0-9a-f-]{36}").isNotEqualTo(lee);
        // the same person in another meeting, by id; she speaks there too
        created(commands.post("/api/meetings", meeting(m2, ws, "2026-04-02T10:00:00Z",
                List.of(Map.of("person", kim, "name", KIM, "role", KIM_ROLE, "side", "CUSTOMER")),
                "Follow-up on rotation.")));
        created(commands.post("/api/meetings/" + m2 + "/observations", Map.of("id", "o-2",
                "text", "An audited rotation would be worth paying for.", "kind", "REQUEST",
                "speakerRole", KIM_ROLE, "speaker", kim)));
        created(commands.post("/api/hypotheses", Requests.with(Requests.with(
                Requests.hypothesis(h, "Keys rotate themselves"), "workspace", ws), "tags", List.of("privacy"))));
        created(commands.post("/api/hypotheses/" + h + "/evidence", Requests.evidence("e1", m1, "o-1", "SUPPORTS")));
        created(commands.post("/api/hypotheses/" + h + "/evidence", Requests.evidence("e2", m2, "o-2", "SUPPORTS")));
        created(commands.post("/api/hypotheses/" + h + "/decisions", Requests.decision("VALIDATED",
                List.of("e1", "e2"))));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                queries.get("/api/hypotheses/" + h).body().path("status").asText().equals("VALIDATED")
                        && queries.get("/api/meetings/" + m2).body().path("observations").size() == 1);
        Instant decided = Instant.now();

        // the access request: everything about her, opened
        JsonNode access = queries.get("/api/people/" + kim).body();
        assertThat(access.path("erased").asBoolean()).isFalse();
        assertThat(access.path("meetings").findValuesAsText("meetingId")).containsExactly(m1, m2);
        assertThat(access.path("meetings").findValuesAsText("name")).containsOnly(KIM);
        assertThat(access.path("observations").findValuesAsText("text")).containsExactly(
                "Every quarter we rotate every key by hand.", "An audited rotation would be worth paying for.");
        Response download = queries.get("/api/people/" + kim + "?download=true");
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains(kim);
        assertThat(queries.get("/api/people?name=laine&workspace=" + ws).body().path("items").findValuesAsText("id"))
                .containsExactly(kim);

        List<String> views = List.of("/api/hypotheses?workspace=" + ws, "/api/hypotheses/" + h,
                "/api/hypotheses/" + h + "/timeline", "/api/hypotheses/" + h + "/evolution",
                "/api/hypotheses/" + h + "?asOf=" + decided, "/api/hypotheses?workspace=" + ws + "&asOf=" + decided,
                "/api/decisions?workspace=" + ws, "/api/meetings?workspace=" + ws, "/api/meetings/" + m1,
                "/api/meetings/" + m2, "/api/organizations?workspace=" + ws, "/api/organizations/Acme%20Bank%20" + ws,
                "/api/dashboard?workspace=" + ws + "&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
        Map<String, JsonNode> before = answers(views);
        assertThat(before.get("/api/meetings/" + m1).toString()).contains(KIM, KIM_ROLE);

        // forget her: erase the person, and redact the meeting whose notes name her
        Response erased = commands.post("/api/people/" + kim + "/erasure", Map.of("reason", "Request 2026-117"));
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(200);
        assertThat(commands.post("/api/people/" + kim + "/erasure", Map.of("reason", "again")).body()
                .path("version").asLong()).isEqualTo(erased.body().path("version").asLong());
        Response redacted = commands.post("/api/meetings/" + m1 + "/redaction", Map.of("reason", "Request 2026-117"));
        assertThat(redacted.status()).as(redacted.raw().body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode meeting = queries.get("/api/meetings/" + m1).body();
            return meeting.path("redacted").asBoolean()
                    && meeting.path("attendees").get(0).path("erased").asBoolean();
        });

        Map<String, JsonNode> after = answers(views);
        assertErasedEverywhere(after, before, m1, m2, h);
        // decisions, timelines, organisations and figures name no person: as before but for the redacted quote
        views.stream().filter(path -> path.startsWith("/api/decisions") || path.endsWith("/timeline")
                        || path.startsWith("/api/organizations") || path.startsWith("/api/dashboard"))
                .forEach(path -> assertThat(after.get(path).toString()).as(path).isEqualTo(before.get(path)
                        .toString().replace("Every quarter we rotate every key by hand.", PersonalData.REDACTED)));
        JsonNode forgotten = queries.get("/api/people/" + kim).body();
        assertThat(forgotten.path("erased").asBoolean()).isTrue();
        assertThat(forgotten.toString()).doesNotContain(KIM, KIM_ROLE, "rotate every key", "audited rotation");
        assertThat(forgotten.path("meetings").findValuesAsText("meetingId")).containsExactly(m1, m2);

        // the bytes underneath: the name never was in clear, and nothing sealed for her opens any more
        PersonalData personal = running.system().commandSide().getBean(PersonalData.class);
        Predicate<Sealed> hers = sealed -> ("person:" + kim).equals(sealed.key())
                || ("meeting:" + m1).equals(sealed.key());
        List<Sealed> storedHers = new ArrayList<>();
        List<Sealed> storedLees = new ArrayList<>();
        for (byte[] row : running.eventStore().storedBytes()) {
            assertThat(new String(row, StandardCharsets.UTF_8)).doesNotContain(KIM, KIM_ROLE, "rotate every key");
            sealedIn(Api.JSON.readTree(row), storedHers, hers);
            sealedIn(Api.JSON.readTree(row), storedLees, sealed -> ("person:" + lee).equals(sealed.key()));
        }
        List<Sealed> publishedHers = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record :
                TopicReader.readAll(running.infrastructure().kafkaBootstrapServers())) {
            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .doesNotContain(KIM, KIM_ROLE, "rotate every key");
            record.headers().forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .doesNotContain(KIM));
            sealedIn(TopicReader.json(record), publishedHers, hers);
        }
        // her name and role twice, her observation's name and role, the meeting's notes and quote at least
        assertThat(storedHers).hasSizeGreaterThanOrEqualTo(8);
        assertThat(publishedHers).hasSameSizeAs(storedHers);
        assertThat(storedHers).allSatisfy(sealed -> assertThat(personal.open(sealed)).isEmpty());
        assertThat(publishedHers).allSatisfy(sealed -> assertThat(personal.open(sealed)).isEmpty());
        // what was sealed for somebody else still opens
        assertThat(storedLees).isNotEmpty().allSatisfy(sealed -> assertThat(personal.open(sealed)).isPresent());

        // a rebuild of every projection shows the same
        Response rebuilding = queries.post("/api/admin/projections/rebuild", Map.of());
        assertThat(rebuilding.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                queries.get("/api/admin/projections").body().path("items").findValuesAsText("state").stream()
                        .allMatch("RUNNING"::equals) && queries.get("/api/meetings/" + m1).status() == 200
                        && queries.get("/api/hypotheses/" + h).status() == 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(answers(views)).isEqualTo(after));
        assertThat(queries.get("/api/people/" + kim).body()).isEqualTo(forgotten);

        // an erased person is not named again, and a redacted meeting takes no text
        Identity.assertProblem(commands.post("/api/meetings", meeting(Identity.name("m-privacy"), ws,
                        "2026-05-02T10:00:00Z", List.of(Map.of("person", kim, "name", KIM, "role", "CTO",
                                "side", "CUSTOMER")), "")), 409, "ErasedPersonIsNotNamedAgain",
                "attendees[0].person");
        Identity.assertProblem(commands.post("/api/meetings/" + m1 + "/observations", Map.of("text", "More",
                "kind", "QUOTE", "speakerRole", "CTO")), 409, "RedactedMeetingTakesNoText", null);
    }

    @Test
    void retentionErasesExactlyThePeoplePastTheirWorkspacesPeriod() {
        String kept = memberOfNewWorkspace("keeps");
        String ws = memberOfNewWorkspace("retains");
        Response set = commands.put("/api/admin/workspaces/" + ws + "/retention", Map.of("months", 12));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.body().path("retentionMonths").asInt()).isEqualTo(12);
        Identity.assertProblem(commands.put("/api/admin/workspaces/" + ws + "/retention", Map.of("months", 0)),
                400, null, "months");
        String old = Instant.now().minus(800, ChronoUnit.DAYS).toString();
        String recent = Instant.now().minus(30, ChronoUnit.DAYS).toString();
        String longAgo = Identity.name("m-old");
        String lately = Identity.name("m-recent");
        String elsewhere = Identity.name("m-elsewhere");
        created(commands.post("/api/meetings", meeting(longAgo, ws, old, List.of(
                Map.of("name", "Olga Old", "role", "CTO", "side", "CUSTOMER"),
                Map.of("name", "Rita Returning", "role", "CFO", "side", "CUSTOMER")), "")));
        String olga = projected("/api/meetings/" + longAgo).path("attendees").get(0).path("person").asText();
        String rita = projected("/api/meetings/" + longAgo).path("attendees").get(1).path("person").asText();
        created(commands.post("/api/meetings", meeting(lately, ws, recent, List.of(
                Map.of("person", rita, "name", "Rita Returning", "role", "CFO", "side", "CUSTOMER"),
                Map.of("name", "Nina New", "role", "SRE", "side", "CUSTOMER")), "")));
        created(commands.post("/api/meetings", meeting(elsewhere, kept, old, List.of(
                Map.of("name", "Otto Other", "role", "CTO", "side", "CUSTOMER")), "")));
        projected("/api/meetings/" + lately);

        Response applied = commands.post("/api/people/retention", Map.of());
        assertThat(applied.status()).as(applied.raw().body()).isEqualTo(200);
        assertThat(applied.body().findValuesAsText("person")).containsExactly(olga);
        assertThat(applied.body().get(0).path("workspace").asText()).isEqualTo(ws);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                queries.get("/api/meetings/" + longAgo).body().path("attendees").findValuesAsText("name"))
                .containsExactly(PersonalData.ERASED_PERSON, "Rita Returning"));
        assertThat(queries.get("/api/meetings/" + elsewhere).body().path("attendees").findValuesAsText("name"))
                .containsExactly("Otto Other");
        assertThat(commands.post("/api/people/retention", Map.of()).body()).isEmpty();
        assertThat(running.system().commandSide().getBean(MeterRegistry.class)
                .counter("insight.privacy.retention.erased", "workspace", ws).count()).isEqualTo(1);
        assertThat(running.eventStore().metadata(olga)).singleElement().asString().contains("\"actor\":\"demo\"");
    }

    private String memberOfNewWorkspace(String prefix) {
        String ws = identity.workspace(prefix);
        identity.member(RunningSystem.USER, ws, "ADMIN");
        await().atMost(Duration.ofSeconds(5)).until(() -> commands.get("/api/me").body().path("workspaces").has(ws)
                && queries.get("/api/meetings?workspace=" + ws).status() == 200);
        return ws;
    }

    private static Map<String, Object> meeting(String id, String workspace, String occurredAt,
                                               List<Map<String, String>> attendees, String notes) {
        // an organisation no other test meets: its page shows these meetings only
        Map<String, Object> meeting = new LinkedHashMap<>(Requests.meeting(id, "Acme Bank " + workspace));
        meeting.put("workspace", workspace);
        meeting.put("occurredAt", occurredAt);
        meeting.put("attendees", attendees);
        meeting.put("notes", notes);
        return meeting;
    }

    private static void created(Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    }

    private JsonNode projected(String path) {
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.get(path).status() == 200);
        return queries.get(path).body();
    }

    private Map<String, JsonNode> answers(List<String> paths) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        paths.forEach(path -> {
            Response response = queries.get(path);
            assertThat(response.status()).as(path + ": " + response.raw().body()).isEqualTo(200);
            answers.put(path, response.body());
        });
        return answers;
    }

    /** Her name and role are in no view; the decision, the confidence and every count are as they were. */
    private static void assertErasedEverywhere(Map<String, JsonNode> after, Map<String, JsonNode> before, String m1,
                                               String m2, String h) {
        after.forEach((path, answer) -> assertThat(answer.toString()).as(path)
                .doesNotContain(KIM, KIM_ROLE, "rotate every key"));
        JsonNode meeting = after.get("/api/meetings/" + m1);
        assertThat(meeting.path("attendees").get(0).path("name").asText()).isEqualTo(PersonalData.ERASED_PERSON);
        assertThat(meeting.path("attendees").get(0).has("role")).isFalse();
        assertThat(meeting.path("attendees").get(1).path("name").asText()).isEqualTo("Lee Park");
        assertThat(meeting.path("notes").asText()).isEqualTo(PersonalData.REDACTED);
        assertThat(meeting.path("observations").get(0).path("text").asText()).isEqualTo(PersonalData.REDACTED);
        JsonNode spoken = after.get("/api/meetings/" + m2).path("observations").get(0);
        assertThat(spoken.path("speakerName").asText()).isEqualTo(PersonalData.ERASED_PERSON);
        assertThat(spoken.path("text").asText()).isEqualTo("An audited rotation would be worth paying for.");
        JsonNode hypothesis = after.get("/api/hypotheses/" + h);
        JsonNode then = before.get("/api/hypotheses/" + h);
        assertThat(hypothesis.path("status")).isEqualTo(then.path("status"));
        assertThat(hypothesis.path("confidence")).isEqualTo(then.path("confidence"));
        assertThat(hypothesis.path("confidenceExplanation")).isEqualTo(then.path("confidenceExplanation"));
        assertThat(hypothesis.path("decisions")).isEqualTo(then.path("decisions"));
        assertThat(hypothesis.path("evidence").findValuesAsText("observationText"))
                .containsExactly(PersonalData.REDACTED, "An audited rotation would be worth paying for.");
    }

    /** Every sealed value in an event (its payload, or a topic record's envelope) that the filter picks. */
    private static void sealedIn(JsonNode node, List<Sealed> found, Predicate<Sealed> picked) {
        if (node.isObject() && node.path("key").isTextual() && node.path("data").isTextual() && node.size() == 2) {
            Sealed sealed = new Sealed(node.path("key").asText(), node.path("data").asText());
            if (picked.test(sealed)) {
                found.add(sealed);
            }
            return;
        }
        node.forEach(child -> sealedIn(child, found, picked));
    }
}
