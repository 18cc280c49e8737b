package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import io.insightledger.standalone.Identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ADMIN creates workspaces and makes users members with a role in each; a member sees their workspaces in
 * {@code /api/me} and the directory, a change reaches their credentials within the re-check time, and every change is
 * in the workspace's history with its actor. The installation's own ADMIN role gives no membership, and a
 * workspace's ADMIN is no ADMIN of the installation. Bad input answers a problem and changes nothing.
 *
 * <p>On the shared system: every workspace and user here is new, and {@code default} is only read.
 */
class WorkspacesIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    private final Identity identity = new Identity(running);
    private final Api admin = identity.admin();

    @Test
    void membersSeeTheirWorkspacesWithTheirRoleInEach() {
        String growth = Identity.name("growth");
        Response created = admin.post("/api/admin/workspaces", Map.of("id", growth, "name", "Growth team",
                "description", "Pricing experiments"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("id").asText()).isEqualTo(growth);
        assertThat(created.body().path("name").asText()).isEqualTo("Growth team");
        assertThat(created.body().path("description").asText()).isEqualTo("Pricing experiments");
        String security = identity.workspace("security");
        User kim = identity.user("kim", "VIEWER", Map.of());
        identity.member(kim.name(), growth, "DECIDER");
        identity.member(kim.name(), security, "VIEWER");

        Response members = admin.get("/api/admin/workspaces/" + growth + "/members");
        assertThat(members.status()).isEqualTo(200);
        assertThat(members.body().findValuesAsText("user")).containsExactly(kim.name());
        assertThat(members.body().get(0).path("role").asText()).isEqualTo("DECIDER");

        Response session = Api.anonymous(running.system().commandUrl()).post("/api/auth/sessions",
                Map.of("name", kim.name(), "password", kim.password()));
        assertThat(session.status()).isEqualTo(201);
        assertThat(session.body().path("user").path("workspaces")).isEqualTo(Api.JSON.valueToTree(
                Map.of(growth, "DECIDER", security, "VIEWER")));
        Api asKim = identity.commands(session.body().path("token").asText());
        assertThat(workspacesOf(asKim)).isEqualTo(Map.of(growth, "DECIDER", security, "VIEWER"));
        JsonNode directory = asKim.get("/api/workspaces").body();
        assertThat(listed(directory, growth).path("role").asText()).isEqualTo("DECIDER");
        assertThat(listed(directory, growth).path("name").asText()).isEqualTo("Growth team");
        assertThat(listed(directory, security).path("role").asText()).isEqualTo("VIEWER");
        // created with no workspaces: not a member of default, which stays unnamed to them like any other team's
        assertThat(directory.findValuesAsText("id")).containsExactlyInAnyOrder(growth, security);
        // a READ token acts as a VIEWER everywhere
        Identity.Token read = identity.token(session.body().path("token").asText(), "READ");
        assertThat(workspacesOf(identity.commands(read.secret())))
                .isEqualTo(Map.of(growth, "VIEWER", security, "VIEWER"));

        // a change reaches the session within the re-check time; removing twice is removing once
        identity.member(kim.name(), growth, "CONTRIBUTOR");
        assertThat(admin.delete("/api/admin/workspaces/" + security + "/members/" + kim.name()).status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/admin/workspaces/" + security + "/members/" + kim.name()).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(workspacesOf(asKim)).isEqualTo(Map.of(growth, "CONTRIBUTOR")));

        // the installation's ADMIN is a member of default (the first ADMIN), of nothing they were not added to
        JsonNode adminsDirectory = admin.get("/api/workspaces").body();
        assertThat(listed(adminsDirectory, "default").path("role").asText()).isEqualTo("ADMIN");
        assertThat(listed(adminsDirectory, growth).path("role").isNull()).isTrue();
        assertThat(workspacesOf(admin)).doesNotContainKey(growth);
    }

    @Test
    void theHistoryListsEveryChangeWithItsActorTimeAndCorrelationId() {
        String workspace = identity.workspace("history");
        User sam = identity.user("sam", "CONTRIBUTOR", Map.of());
        Instant beforeSam = Identity.between();
        String correlationId = "membership-" + UUID.randomUUID();
        assertThat(admin.putWithHeader("/api/admin/workspaces/" + workspace + "/members/" + sam.name(),
                Map.of("role", "VIEWER"), "X-Correlation-Id", correlationId).status()).isEqualTo(200);
        Instant asViewer = Identity.between();
        identity.member(sam.name(), workspace, "DECIDER");
        // the same role again is no change
        identity.member(sam.name(), workspace, "DECIDER");
        Instant asDecider = Identity.between();
        assertThat(admin.put("/api/admin/workspaces/" + workspace, Map.of("name", "Renamed", "description",
                "Now with a description")).body().path("name").asText()).isEqualTo("Renamed");
        assertThat(admin.delete("/api/admin/workspaces/" + workspace + "/members/" + sam.name()).status())
                .isEqualTo(204);

        Response history = admin.get("/api/admin/workspaces/" + workspace + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body();
        assertThat(events.findValuesAsText("type")).containsExactly("WorkspaceCreated", "MemberAdded",
                "MemberRoleChanged", "WorkspaceRevised", "MemberRemoved");
        assertThat(events.findValuesAsText("actor")).containsOnly(RunningSystem.USER);
        assertThat(events.get(1).path("event").path("user").asText()).isEqualTo(sam.name());
        assertThat(events.get(1).path("event").path("role").asText()).isEqualTo("VIEWER");
        assertThat(events.get(1).path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(events.get(2).path("event").path("from").asText()).isEqualTo("VIEWER");
        assertThat(events.get(2).path("event").path("to").asText()).isEqualTo("DECIDER");
        assertThat(events.get(3).path("event").path("description").asText()).isEqualTo("Now with a description");
        assertThat(Instant.parse(events.get(2).path("occurredAt").asText())).isBetween(asViewer, asDecider);
        // the user's own history has their memberships too
        assertThat(admin.get("/api/admin/users/" + sam.name() + "/history").body().findValuesAsText("type"))
                .containsExactly("UserCreated", "MemberAdded", "MemberRoleChanged", "MemberRemoved");

        assertThat(membersAt(workspace, beforeSam)).isEmpty();
        assertThat(membersAt(workspace, asViewer)).isEqualTo(Map.of(sam.name(), "VIEWER"));
        assertThat(membersAt(workspace, asDecider)).isEqualTo(Map.of(sam.name(), "DECIDER"));
        assertThat(membersAt(workspace, Instant.now())).isEmpty();
        Identity.assertProblem(admin.get("/api/admin/workspaces/nowhere-" + UUID.randomUUID().toString().substring(0, 8)
                + "/history"), 404, "WorkspaceMustExist", null);
    }

    @Test
    void aWorkspacesAdminIsNoAdminOfTheInstallation() {
        String workspace = identity.workspace("own");
        User lead = identity.user("lead", "DECIDER", Map.of(workspace, "ADMIN"));
        Api asLead = identity.commands(identity.signIn(lead));

        assertThat(asLead.get("/api/workspaces").status()).isEqualTo(200);
        List<Response> refused = List.of(
                asLead.post("/api/admin/workspaces", Map.of("id", Identity.name("mine"), "name", "Mine")),
                asLead.put("/api/admin/workspaces/" + workspace, Map.of("name", "Mine")),
                asLead.get("/api/admin/workspaces/" + workspace + "/members"),
                asLead.put("/api/admin/workspaces/" + workspace + "/members/" + lead.name(), Map.of("role", "ADMIN")),
                asLead.delete("/api/admin/workspaces/" + workspace + "/members/" + lead.name()),
                asLead.get("/api/admin/workspaces/" + workspace + "/history"));
        for (Response response : refused) {
            assertThat(response.status()).as(response.raw().request().uri().toString()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(admin.get("/api/admin/workspaces/" + workspace + "/history").body().findValuesAsText("type"))
                .containsExactly("WorkspaceCreated", "MemberAdded");
    }

    @Test
    void badInputAnswersAProblemNamingTheFieldAndChangesNothing() {
        for (Map<String, String> invalid : List.of(
                Map.of("id", "Upper-Case", "name", "A"),
                Map.of("id", "x", "name", "A"),
                Map.of("id", "-leading", "name", "A"),
                Map.of("id", "a".repeat(41), "name", "A"))) {
            Identity.assertProblem(admin.post("/api/admin/workspaces", invalid), 400, null, "id");
        }
        String unused = Identity.name("unused");
        Identity.assertProblem(admin.post("/api/admin/workspaces", Map.of("id", unused, "name", " ")), 400, null, "name");
        Identity.assertProblem(admin.post("/api/admin/workspaces", Map.of("id", unused, "name", "n".repeat(101))), 400, null,
                "name");
        Identity.assertProblem(admin.post("/api/admin/workspaces", Map.of("id", unused, "name", "A",
                "description", "d".repeat(1001))), 400, null, "description");
        assertThat(admin.get("/api/workspaces").body().findValuesAsText("id")).doesNotContain(unused);

        String workspace = identity.workspace("taken");
        Identity.assertProblem(admin.post("/api/admin/workspaces", Map.of("id", workspace, "name", "Another")), 409,
                "WorkspaceIdTaken", "id");
        Identity.assertProblem(admin.put("/api/admin/workspaces/" + workspace, Map.of("name", "")), 400, null, "name");
        User kim = identity.user("kim", "VIEWER", Map.of());
        Identity.assertProblem(admin.put("/api/admin/workspaces/" + workspace + "/members/" + kim.name(),
                Map.of("role", "OWNER")), 400, null, "role");
        Identity.assertProblem(admin.put("/api/admin/workspaces/" + workspace + "/members/nobody-" + unused,
                Map.of("role", "VIEWER")), 404, "UserNotFound", null);
        Identity.assertProblem(admin.put("/api/admin/workspaces/" + unused + "/members/" + kim.name(),
                Map.of("role", "VIEWER")), 404, "WorkspaceMustExist", null);
        Identity.assertProblem(admin.delete("/api/admin/workspaces/" + unused + "/members/" + kim.name()), 404,
                "WorkspaceMustExist", null);
        Identity.assertProblem(admin.put("/api/admin/workspaces/" + unused, Map.of("name", "A")), 404, "WorkspaceMustExist",
                null);
        assertThat(admin.get("/api/admin/workspaces/" + workspace + "/history").body().findValuesAsText("type"))
                .containsExactly("WorkspaceCreated");
        assertThat(admin.get("/api/admin/workspaces/" + workspace + "/members").body()).isEmpty();

        String newcomer = Identity.name("newcomer");
        Identity.assertProblem(admin.post("/api/admin/users", Map.of("name", newcomer, "role", "VIEWER", "password",
                Identity.PASSWORD, "workspaces", Map.of(workspace, "VIEWER", unused, "VIEWER"))), 422,
                "WorkspaceMustExist", "workspaces");
        assertThat(admin.get("/api/admin/users/" + newcomer + "/history").status()).isEqualTo(404);
        assertThat(admin.get("/api/admin/workspaces/" + workspace + "/members").body()).isEmpty();
    }

    @Test
    void aUserCreatedWithoutWorkspacesLandsInDefaultWithTheirRole() {
        User pat = identity.user("pat", "CONTRIBUTOR");

        JsonNode members = admin.get("/api/admin/workspaces/default/members").body();
        assertThat(members.findParents("user").stream().filter(m -> m.path("user").asText().equals(pat.name()))
                .map(m -> m.path("role").asText())).containsExactly("CONTRIBUTOR");
        assertThat(workspacesOf(identity.commands(identity.signIn(pat)))).isEqualTo(Map.of("default", "CONTRIBUTOR"));
    }

    private static Map<String, String> workspacesOf(Api api) {
        Response me = api.get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        return Api.JSON.convertValue(me.body().path("workspaces"), Map.class);
    }

    private static JsonNode listed(JsonNode directory, String id) {
        return directory.findParents("id").stream().filter(workspace -> workspace.path("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(id + " is not listed in " + directory));
    }

    private Map<String, String> membersAt(String workspace, Instant instant) {
        Response answer = admin.get("/api/admin/workspaces/" + workspace + "/members-at?instant=" + instant);
        assertThat(answer.status()).isEqualTo(200);
        Map<String, String> members = new TreeMap<>();
        answer.body().forEach(member -> members.put(member.path("user").asText(), member.path("role").asText()));
        return members;
    }

}
