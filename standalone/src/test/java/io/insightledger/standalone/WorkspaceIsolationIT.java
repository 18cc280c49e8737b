package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insightledger.standalone.ApiOperations.Answer;
import io.insightledger.standalone.ApiOperations.Operation;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two teams in one installation: workspace A and workspace B, each with a meeting, an observation, a hypothesis with
 * evidence and a decision. Every operation of both APIs, as their descriptions list them (a new endpoint is covered the
 * day it is added), is called by a member of A only, aimed at B's records: B's ids answer 404, and nothing of B (ids,
 * titles, organisation, segment, tag, quote) is ever in an answer. Figures (dashboard, organisations) are A's alone,
 * and so is the change stream. Then the roles per workspace, and a meeting shared from B into A.
 */
class WorkspaceIsolationIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private static final String ADDRESS = Identity.address();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String A = "iso-a-" + SUFFIX;
    private static final String B = "iso-b-" + SUFFIX;
    private static final String FROM = "2020-01-01T00:00:00Z";

    private static Team a;
    private static Team b;
    /** DECIDER in A, member of nothing else: the one who walks every operation. */
    private static String memberOfA;

    /** One team's records, every text marked with the team's letter and this run's suffix. */
    record Team(String workspace, String meeting, String observation, String hypothesis, String evidence,
                String decision, String title, String organization, String segment, String tag, String quote) {

        static Team of(String letter, String workspace) {
            String mark = letter + "-" + SUFFIX;
            return new Team(workspace, "iso-m-" + mark, "iso-o-" + mark, "iso-h-" + mark, "iso-e-" + mark,
                    "iso-d-" + mark, "Secret title " + mark, "Organisation " + mark, "segment-" + mark,
                    "tag-" + mark, "Quote " + mark);
        }

        List<String> markers() {
            return List.of(meeting, observation, hypothesis, evidence, decision, title, organization, segment, tag,
                    quote);
        }
    }

    @BeforeAll
    static void twoTeams() {
        Api admin = running.commands();
        String adminName = admin.get("/api/me").body().path("name").asText();
        for (String workspace : List.of(A, B)) {
            expect(admin.post("/api/admin/workspaces", Map.of("id", workspace, "name", "Team " + workspace,
                    "description", "An isolation test's team")), 201);
            expect(admin.put("/api/admin/workspaces/" + workspace + "/members/" + adminName,
                    Map.of("role", "ADMIN")), 200);
        }
        // a membership reaches a token within its re-check time
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.get("/api/me").body().path("workspaces").has(B));
        a = Team.of("a", A);
        b = Team.of("b", B);
        for (Team team : List.of(a, b)) {
            record(admin, team);
        }
        memberOfA = member("iso-alice", Map.of(A, "DECIDER"));
        Api queries = running.queries();
        await().atMost(Duration.ofSeconds(30)).until(() -> Stream.of(a, b).allMatch(team ->
                queries.get("/api/hypotheses/" + team.hypothesis()).body().path("status").asText()
                        .equals("VALIDATED")));
    }

    @Test
    void everyOperationAimedAtAnotherWorkspaceFindsNothingAndShowsNothingOfIt() {
        List<Operation> operations = ApiOperations.of(running);
        SoftAssertions softly = new SoftAssertions();
        int notFound = 0;
        for (Operation operation : operations) {
            if (operation.requiredRole().isEmpty()) {
                continue;
            }
            boolean aimsAtB = operation.path().contains("{") && pointsAtRecords(operation);
            boolean createsInB = operation.method().equals("post")
                    && (operation.path().equals("/api/meetings") || operation.path().equals("/api/hypotheses"));
            String body = body(operation, createsInB);
            Answer answer = ApiOperations.call(operation, memberOfA, ADDRESS, parameter -> valueIn(b, operation,
                    parameter), Map.of(), body);
            String as = operation + " aimed at B: " + answer.status() + " " + answer.text();
            if (operation.inWorkspace() && (aimsAtB || createsInB)) {
                notFound++;
                softly.assertThat(answer.status()).as(as).isEqualTo(404);
            } else {
                softly.assertThat(answer.status()).as(as).isLessThan(500);
            }
            assertShowsNothingOfB(softly, as, answer);

            // a workspace filter of an installation ADMIN's operation (the people) is no membership check
            if (operation.method().equals("get") && operation.inWorkspace()
                    && operation.takesQueryParameter("workspace")) {
                Answer narrowedToB = ApiOperations.call(operation, memberOfA, ADDRESS,
                        parameter -> valueIn(a, operation, parameter), Map.of("workspace", B), null);
                softly.assertThat(narrowedToB.status()).as(operation + " narrowed to B").isEqualTo(404);
                assertShowsNothingOfB(softly, operation + " narrowed to B", narrowedToB);
                if (!operation.path().contains("{")) {
                    Answer union = ApiOperations.call(operation, memberOfA, ADDRESS, parameter -> "", Map.of(), null);
                    softly.assertThat(union.status()).as(operation + " over all my workspaces").isEqualTo(200);
                    assertShowsNothingOfB(softly, operation + " over all my workspaces", union);
                }
            }
        }
        System.out.printf("WorkspaceIsolationIT: %d operations, %d answered 404 for B's records%n",
                operations.size(), notFound);
        assertThat(notFound).as("operations aimed at B's records").isGreaterThanOrEqualTo(15);
        softly.assertAll();
    }

    /** A's own records are there for A's member: the walk above found nothing of B, not nothing at all. */
    @Test
    void theMemberOfASeesAsRecords() {
        Api queries = Api.as(running.system().queryUrl(), memberOfA);
        assertThat(queries.get("/api/hypotheses/" + a.hypothesis()).status()).isEqualTo(200);
        assertThat(queries.get("/api/meetings/" + a.meeting()).status()).isEqualTo(200);
        assertThat(queries.get("/api/meetings?workspace=" + A).body().path("items").findValuesAsText("id"))
                .containsExactly(a.meeting());
        assertThat(queries.get("/api/hypotheses").body().path("items").findValuesAsText("workspace"))
                .containsOnly(A);
        // nor does B's name reach them: the directory lists their own workspaces only
        assertThat(Api.as(running.system().commandUrl(), memberOfA).get("/api/workspaces").body()
                .findValuesAsText("id")).containsExactly(A);
    }

    /** Counts and organisations over "all my workspaces" are A's figures exactly, whatever B holds. */
    @Test
    void figuresOverAllMyWorkspacesAreThoseOfMyWorkspacesAlone() {
        Api mine = Api.as(running.system().queryUrl(), memberOfA);
        Api admin = running.queries();
        String period = "from=" + FROM + "&to=" + Instant.now().plusSeconds(60);
        for (String figures : List.of("/api/dashboard?" + period, "/api/organizations?size=100",
                "/api/decisions?size=100")) {
            String narrowed = figures + "&workspace=";
            JsonNode union = mine.get(figures).body();
            assertThat(union).as(figures).isEqualTo(admin.get(narrowed + A).body());
            assertThat(admin.get(narrowed + B).body()).as(figures + " of B").isNotEqualTo(union);
        }
    }

    @Test
    void theChangeStreamSendsOnlyMyWorkspacesChanges() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpRequest subscribe = HttpRequest.newBuilder(URI.create(running.system().queryUrl() + "/api/stream"))
                .header("Authorization", "Bearer " + memberOfA).header("X-Forwarded-For", ADDRESS).build();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = http.send(subscribe, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(received::add);
            } catch (UncheckedIOException closed) {
                // the test closed the stream
            }
        }, "isolation-stream");
        reader.setDaemon(true);
        reader.start();
        try {
            Api admin = running.commands();
            expect(admin.put("/api/meetings/" + b.meeting() + "/notes",
                    Map.of("notes", "B's notes, changed " + Instant.now(), "reason", "stream test")), 200);
            expect(admin.put("/api/meetings/" + a.meeting() + "/notes",
                    Map.of("notes", "A's notes, changed " + Instant.now(), "reason", "stream test")), 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .anyMatch(line -> line.contains(a.meeting())));
            // B's change was projected before A's: had it been sent, it would be here by now
            assertThat(received).noneMatch(line -> b.markers().stream().anyMatch(line::contains));
        } finally {
            reader.interrupt();
            stream.body().close();
        }
    }

    /** The example: VIEWER in A, DECIDER in B, decides in B and not in A. */
    @Test
    void theRoleThatCountsIsTheOneInTheHypothesissWorkspace() {
        Api admin = running.commands();
        String inA = hypothesisWithEvidence(admin, a, "roles");
        String inB = hypothesisWithEvidence(admin, b, "roles");
        Api bob = Api.as(running.system().commandUrl(), member("iso-bob", Map.of(A, "VIEWER", B, "DECIDER")));
        Map<String, Object> decision = Map.of("outcome", "PARKED", "rationale", "Not now");
        expect(bob.post("/api/hypotheses/" + inB + "/decisions", decision), 201);
        Api.Response refused = bob.post("/api/hypotheses/" + inA + "/decisions", decision);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(403);
        assertThat(refused.body().path("requiredRole").asText()).isEqualTo("DECIDER");
    }

    /** B shares a meeting with A; A cites it; after the share ends, A cannot cite it anew and keeps what it cited. */
    @Test
    void aSharedMeetingIsCitedFromTheOtherWorkspaceAndTheCitationOutlivesTheShare() {
        Api admin = running.commands();
        String shared = "iso-shared-" + SUFFIX;
        expect(admin.post("/api/meetings", meeting(shared, "Shared meeting " + SUFFIX, "Shared Org " + SUFFIX,
                "shared", "shared", B)), 201);
        String citing = hypothesisWithEvidence(admin, a, "citing");
        String carol = member("iso-carol", Map.of(A, "CONTRIBUTOR"));
        Api carolsCommands = Api.as(running.system().commandUrl(), carol);
        Api carolsQueries = Api.as(running.system().queryUrl(), carol);
        Map<String, Object> citation = Map.of("meetingId", shared, "direction", "SUPPORTS", "strength", "STRONG",
                "note", "Heard in B's meeting");

        Api.Response notYet = carolsCommands.post("/api/hypotheses/" + citing + "/evidence", citation);
        assertThat(notYet.status()).as("before sharing: " + notYet.raw().body()).isIn(404, 422);

        expect(admin.post("/api/meetings/" + shared + "/shares", Map.of("workspace", A)), 200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                carolsQueries.get("/api/meetings/" + shared).status() == 200);
        expect(carolsCommands.post("/api/meetings/" + shared + "/observations", Map.of("text", "Mine now",
                "kind", "QUOTE", "speakerRole", "Engineer")), 403);
        Api.Response cited = carolsCommands.post("/api/hypotheses/" + citing + "/evidence", citation);
        expect(cited, 201);
        String evidenceId = cited.body().path("id").asText();

        expect(admin.delete("/api/meetings/" + shared + "/shares/" + A), 200);
        Api.Response again = carolsCommands.post("/api/hypotheses/" + citing + "/evidence",
                Map.of("meetingId", shared, "direction", "CONTRADICTS", "strength", "WEAK", "note", "Once more"));
        assertThat(again.status()).as("after unsharing: " + again.raw().body()).isIn(404, 422);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                carolsQueries.get("/api/meetings/" + shared).status() == 404);
        JsonNode hypothesis = carolsQueries.get("/api/hypotheses/" + citing).body();
        assertThat(hypothesis.path("evidence").findValuesAsText("id")).contains(evidenceId);
        assertThat(hypothesis.toString()).as("the old citation keeps its meeting").contains(shared);
    }

    // helpers

    /** No marker of B in the answer, but for what the caller sent itself (a problem's instance, an id echoed). */
    private static void assertShowsNothingOfB(SoftAssertions softly, String as, Answer answer) {
        String sent = (URLDecoder.decode(answer.raw().request().uri().toString(), StandardCharsets.UTF_8) + " "
                + answer.sent()).toLowerCase(Locale.ROOT);
        String lower = answer.text().toLowerCase(Locale.ROOT);
        for (String marker : b.markers()) {
            String mark = marker.toLowerCase(Locale.ROOT);
            if (!sent.contains(mark)) {
                softly.assertThat(lower).as(as + " shows " + marker).doesNotContain(mark);
            }
        }
    }

    /** Whether the operation's path parameters name meetings, hypotheses or organisations. */
    private static boolean pointsAtRecords(Operation operation) {
        return operation.path().startsWith("/api/meetings/") || operation.path().startsWith("/api/hypotheses/")
                || operation.path().startsWith("/api/organizations/");
    }

    /** The value of a path parameter that names the team's record of its kind; for anything else, a fresh one. */
    private static String valueIn(Team team, Operation operation, JsonNode parameter) {
        String path = operation.path();
        return switch (parameter.path("name").asText()) {
            case "id" -> path.startsWith("/api/meetings") ? team.meeting()
                    : path.startsWith("/api/hypotheses") ? team.hypothesis() : "iso-" + UUID.randomUUID();
            case "hypothesisId" -> team.hypothesis();
            case "observationId" -> team.observation();
            case "evidenceId" -> team.evidence();
            case "workspace" -> A;
            case "name" -> path.startsWith("/api/organizations") ? team.organization() : "iso-" + UUID.randomUUID();
            default -> "iso-" + UUID.randomUUID();
        };
    }

    /** The operation's documented example body, with a fresh id, in B when it creates. */
    private static String body(Operation operation, boolean inB) {
        if (!operation.description().has("requestBody")) {
            return null;
        }
        JsonNode example = operation.exampleBody().orElse(Api.JSON.createObjectNode()).deepCopy();
        if (example instanceof ObjectNode object) {
            if (object.has("id")) {
                object.put("id", "iso-" + UUID.randomUUID());
            }
            if (inB) {
                object.put("workspace", B);
            }
        }
        return example.toString();
    }

    private static void record(Api admin, Team team) {
        expect(admin.post("/api/meetings", meeting(team.meeting(), team.title(), team.organization(), team.segment(),
                team.tag(), team.workspace())), 201);
        expect(admin.post("/api/meetings/" + team.meeting() + "/observations", Map.of("id", team.observation(),
                "text", team.quote(), "kind", "QUOTE", "speakerRole", "Engineer")), 201);
        expect(admin.post("/api/hypotheses", hypothesis(team.hypothesis(), team.title(), team.tag(),
                team.segment(), team.workspace())), 201);
        expect(admin.post("/api/hypotheses/" + team.hypothesis() + "/evidence", Map.of("id", team.evidence(),
                "meetingId", team.meeting(), "observationId", team.observation(), "direction", "SUPPORTS",
                "strength", "STRONG", "note", team.quote())), 201);
        expect(admin.post("/api/hypotheses/" + team.hypothesis() + "/decisions", Map.of("id", team.decision(),
                "outcome", "VALIDATED", "rationale", team.quote(), "evidenceIds", List.of(team.evidence()))), 201);
    }

    /** A new hypothesis of the team's workspace, with one piece of evidence from the team's meeting. */
    private static String hypothesisWithEvidence(Api admin, Team team, String purpose) {
        String id = "iso-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.post("/api/hypotheses", hypothesis(id, "For " + purpose + " in " + team.workspace(), "other",
                "other", team.workspace())), 201);
        expect(admin.post("/api/hypotheses/" + id + "/evidence", Map.of("meetingId", team.meeting(),
                "direction", "SUPPORTS", "strength", "WEAK", "note", "")), 201);
        return id;
    }

    private static Map<String, Object> meeting(String id, String title, String organization, String segment,
                                               String tag, String workspace) {
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("id", id);
        meeting.put("title", title);
        meeting.put("occurredAt", Instant.now().minus(Duration.ofDays(3)).toString());
        meeting.put("organization", organization);
        meeting.put("segment", segment);
        meeting.put("channel", "VIDEO");
        meeting.put("attendees", List.of(Map.of("name", "Kim", "role", "Engineer", "side", "CUSTOMER")));
        meeting.put("notes", title);
        meeting.put("tags", List.of(tag));
        meeting.put("workspace", workspace);
        return meeting;
    }

    private static Map<String, Object> hypothesis(String id, String title, String tag, String segment,
                                                  String workspace) {
        Map<String, Object> hypothesis = new LinkedHashMap<>();
        hypothesis.put("id", id);
        hypothesis.put("title", title);
        hypothesis.put("statement", "We believe " + title);
        hypothesis.put("category", "DESIRABILITY");
        hypothesis.put("successCriteria", "Two teams ask for it");
        hypothesis.put("tags", List.of(tag));
        hypothesis.put("segments", List.of(segment));
        hypothesis.put("workspace", workspace);
        return hypothesis;
    }

    /** A user with exactly these memberships, and a personal token of theirs (not a session, which one call ends). */
    private static String member(String prefix, Map<String, String> workspaces) {
        Identity identity = new Identity(running);
        String name = Identity.name(prefix);
        expect(running.commands().post("/api/admin/users", Map.of("name", name, "role", "VIEWER",
                "password", Identity.PASSWORD, "workspaces", workspaces)), 201);
        return identity.token(identity.signIn(new Identity.User(name, "VIEWER", Identity.PASSWORD)), "READ_WRITE")
                .secret();
    }

    private static void expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    }
}
