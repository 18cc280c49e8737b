package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import io.insightledger.standalone.Identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ADMIN manages users: creates them, changes their roles, disables and enables them, resets passwords; the rules
 * (PasswordLength, UserNameTaken, AtLeastOneAdmin, the name's pattern) and the history an auditor reads, with actor
 * and time, including who held which role at an instant in the past.
 *
 * <p>A system of its own: AtLeastOneAdmin needs the demo user to be the only ADMIN, and on the shared system any
 * class may have made another (the roles test does), so trying to demote the demo user there could succeed and take
 * every later test's power away.
 */
class UserAdministrationIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    private final Identity identity = new Identity(running);
    private final Api admin = identity.admin();

    @Test
    void anAdminCreatesAUserWhoSignsInWithTheirRole() {
        String name = Identity.name("kim.o@acme");
        Response created = admin.post("/api/admin/users", Map.of("name", name, "role", "DECIDER",
                "password", Identity.PASSWORD, "email", name.replace("@", ".") + "@example.org"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo(name);
        assertThat(created.body().path("role").asText()).isEqualTo("DECIDER");
        assertThat(created.body().path("enabled").asBoolean()).isTrue();
        assertThat(created.raw().body()).doesNotContain(Identity.PASSWORD).doesNotContain("bcrypt");
        assertThat(admin.get("/api/admin/users").body().findValuesAsText("name")).contains(name);

        Response session = anonymous().post("/api/auth/sessions", Map.of("name", name, "password", Identity.PASSWORD));
        assertThat(session.status()).isEqualTo(201);
        assertThat(session.body().path("token").asText()).startsWith("il_");
        assertThat(session.body().path("user").path("role").asText()).isEqualTo("DECIDER");
        JsonNode me = identity.commands(session.body().path("token").asText()).get("/api/me").body();
        assertThat(me.path("name").asText()).isEqualTo(name);
        assertThat(me.path("scope").asText()).isEqualTo("SESSION");
    }

    @Test
    void everyChangeIsInTheUsersHistoryWithItsActorAndTime() {
        User user = identity.user("history", "VIEWER");
        Instant asViewer = Identity.between();
        assertThat(admin.put("/api/admin/users/" + user.name() + "/role", Map.of("role", "CONTRIBUTOR")).status())
                .isEqualTo(200);
        Instant asContributor = Identity.between();
        String correlationId = "promotion-" + UUID.randomUUID();
        Response promoted = admin.putWithHeader("/api/admin/users/" + user.name() + "/role", Map.of("role", "DECIDER"),
                "X-Correlation-Id", correlationId);
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.body().path("role").asText()).isEqualTo("DECIDER");
        Instant asDecider = Identity.between();
        assertThat(admin.post("/api/admin/users/" + user.name() + "/disable", Map.of()).body().path("enabled")
                .asBoolean()).isFalse();
        Instant whileDisabled = Identity.between();
        assertThat(admin.post("/api/admin/users/" + user.name() + "/enable", Map.of()).body().path("enabled")
                .asBoolean()).isTrue();
        assertThat(admin.post("/api/admin/users/" + user.name() + "/password",
                Map.of("password", "another long password")).status()).isEqualTo(204);
        Identity.Token token = identity.token(identity.signIn(new User(user.name(), "DECIDER",
                "another long password")), "READ");

        Response history = admin.get("/api/admin/users/" + user.name() + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body();
        // a user created without workspaces joins default with their role, in the same transaction
        assertThat(events.findValuesAsText("type")).containsExactly("UserCreated", "MemberAdded", "RoleChanged",
                "RoleChanged", "UserDisabled", "UserEnabled", "PasswordReset", "TokenCreated");
        // changes made by the ADMIN carry the ADMIN's name; the token was made by the user
        assertThat(events.findValuesAsText("actor")).containsExactly(RunningSystem.USER, RunningSystem.USER,
                RunningSystem.USER, RunningSystem.USER, RunningSystem.USER, RunningSystem.USER, RunningSystem.USER,
                user.name());
        List<Instant> times = new ArrayList<>();
        events.forEach(event -> times.add(Instant.parse(event.path("occurredAt").asText())));
        assertThat(times).isSorted();
        assertThat(times.get(2)).isBetween(asViewer, asContributor);
        JsonNode secondChange = events.get(3);
        assertThat(secondChange.path("event").path("from").asText()).isEqualTo("CONTRIBUTOR");
        assertThat(secondChange.path("event").path("to").asText()).isEqualTo("DECIDER");
        assertThat(secondChange.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(events.get(7).path("event").path("token").asText()).isEqualTo(token.id());
        // the history holds no secret
        assertThat(history.raw().body()).doesNotContain(token.secret()).doesNotContain("another long password");
        assertThat(admin.get("/api/admin/users/nobody-" + UUID.randomUUID() + "/history").status()).isEqualTo(404);

        assertThat(roleAt(user, asViewer)).isEqualTo("VIEWER");
        assertThat(roleAt(user, asContributor)).isEqualTo("CONTRIBUTOR");
        assertThat(roleAt(user, asDecider)).isEqualTo("DECIDER");
        JsonNode disabledThen = userAt(user, whileDisabled);
        assertThat(disabledThen.path("role").asText()).isEqualTo("DECIDER");
        assertThat(disabledThen.path("enabled").asBoolean()).isFalse();
        assertThat(userAt(user, Instant.now()).path("enabled").asBoolean()).isTrue();
        // before the user was created, they held no role at all
        assertThat(userAt(user, times.get(0).minusMillis(1)).isMissingNode()).isTrue();
        assertThat(admin.get("/api/admin/users/roles-at?instant=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aPasswordResetEndsTheUsersSessionsAndOnlyTheNewPasswordWorks() {
        User user = identity.user("reset", "CONTRIBUTOR");
        String session = identity.signIn(user);
        assertThat(commands(session).get("/api/me").status()).isEqualTo(200);

        assertThat(admin.post("/api/admin/users/" + user.name() + "/password",
                Map.of("password", "a brand new passphrase")).status()).isEqualTo(204);
        long reset = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(commands(session).get("/api/me").status()).isEqualTo(401));
        System.out.printf("UserAdministrationIT: session refused %d ms after the password reset%n",
                Duration.ofNanos(System.nanoTime() - reset).toMillis());

        Response old = anonymous().post("/api/auth/sessions", Map.of("name", user.name(), "password", user.password()));
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.contentType()).startsWith("application/problem+json");
        String renewed = identity.signIn(new User(user.name(), user.role(), "a brand new passphrase"));
        assertThat(commands(renewed).get("/api/me").body().path("role").asText()).isEqualTo("CONTRIBUTOR");
    }

    @Test
    void aDisabledUserCannotSignInUntilEnabled() {
        User user = identity.user("disabled", "VIEWER");
        assertThat(admin.post("/api/admin/users/" + user.name() + "/disable", Map.of()).status()).isEqualTo(200);
        // the same answer as a wrong password: the answer does not tell who exists
        Response refused = anonymous().post("/api/auth/sessions", Map.of("name", user.name(), "password",
                user.password()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(admin.get("/api/admin/users").body().findParents("name").stream()
                .filter(listed -> listed.path("name").asText().equals(user.name()))
                .map(listed -> listed.path("enabled").asBoolean())).containsExactly(false);

        assertThat(admin.post("/api/admin/users/" + user.name() + "/enable", Map.of()).status()).isEqualTo(200);
        assertThat(identity.signIn(user)).startsWith("il_");
        assertThat(admin.post("/api/admin/users/nobody-" + UUID.randomUUID() + "/disable", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void passwordsHaveAtLeastTwelveCharactersAndAtMost72Bytes() {
        Response tooShort = admin.post("/api/admin/users", Map.of("name", Identity.name("short"), "role", "VIEWER",
                "password", "eleven char"));
        Identity.assertProblem(tooShort, 422, "PasswordLength", "password");
        // 24 three-byte characters: 24 characters but 72 bytes are fine, 25 are not (bcrypt would cut them)
        assertThat(admin.post("/api/admin/users", Map.of("name", Identity.name("long"), "role", "VIEWER",
                "password", "€".repeat(24))).status()).isEqualTo(201);
        Identity.assertProblem(admin.post("/api/admin/users", Map.of("name", Identity.name("long"), "role", "VIEWER",
                "password", "€".repeat(25))), 422, "PasswordLength", "password");

        User user = identity.user("short-reset", "VIEWER");
        Identity.assertProblem(admin.post("/api/admin/users/" + user.name() + "/password", Map.of("password", "too short")),
                422, "PasswordLength", "password");
        // the old password still works: nothing was changed
        assertThat(identity.signIn(user)).startsWith("il_");
    }

    @Test
    void aUserNameIsTakenOnceAndFollowsItsPattern() {
        User user = identity.user("taken", "VIEWER");
        Identity.assertProblem(admin.post("/api/admin/users", Map.of("name", user.name(), "role", "ADMIN",
                "password", Identity.PASSWORD)), 409, "UserNameTaken", "name");
        // the first user is unchanged
        assertThat(admin.get("/api/admin/users/" + user.name() + "/history").body().findValuesAsText("type"))
                .containsExactly("UserCreated", "MemberAdded");

        for (String name : List.of("Upper-Case", "with space", "x", "-leading-dash", "slash/" + UUID.randomUUID())) {
            Response invalid = admin.post("/api/admin/users", Map.of("name", name, "role", "VIEWER",
                    "password", Identity.PASSWORD));
            assertThat(invalid.status()).as(name).isEqualTo(400);
            assertThat(invalid.body().path("errors").findValuesAsText("field")).as(name).containsExactly("name");
        }
        Response unknownRole = admin.post("/api/admin/users", Map.of("name", Identity.name("owner"), "role", "OWNER",
                "password", Identity.PASSWORD));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.body().path("errors").findValuesAsText("field")).containsExactly("role");
    }

    /** The demo user is this system's only ADMIN, and no test of this class leaves another one enabled. */
    @Test
    void theLastEnabledAdminCanBeNeitherDemotedNorDisabled() {
        String demo = RunningSystem.USER;
        Identity.assertProblem(admin.put("/api/admin/users/" + demo + "/role", Map.of("role", "DECIDER")), 409,
                "AtLeastOneAdmin", null);
        Identity.assertProblem(admin.post("/api/admin/users/" + demo + "/disable", Map.of()), 409, "AtLeastOneAdmin", null);

        // a disabled ADMIN is no ADMIN to manage the installation
        User second = identity.user("second-admin", "ADMIN");
        assertThat(admin.post("/api/admin/users/" + second.name() + "/disable", Map.of()).status()).isEqualTo(200);
        Identity.assertProblem(admin.put("/api/admin/users/" + demo + "/role", Map.of("role", "VIEWER")), 409,
                "AtLeastOneAdmin", null);
        // while another enabled ADMIN remains, an ADMIN may be demoted: the second, not the demo user the tests need
        assertThat(admin.post("/api/admin/users/" + second.name() + "/enable", Map.of()).status()).isEqualTo(200);
        Response demoted = admin.put("/api/admin/users/" + second.name() + "/role", Map.of("role", "VIEWER"));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.body().path("role").asText()).isEqualTo("VIEWER");
        Identity.assertProblem(admin.post("/api/admin/users/" + demo + "/disable", Map.of()), 409, "AtLeastOneAdmin", null);
        assertThat(admin.get("/api/me").body().path("role").asText()).isEqualTo("ADMIN");
    }

    private String roleAt(User user, Instant instant) {
        return userAt(user, instant).path("role").asText();
    }

    private JsonNode userAt(User user, Instant instant) {
        Response answer = admin.get("/api/admin/users/roles-at?instant=" + instant);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().findParents("name").stream()
                .filter(held -> held.path("name").asText().equals(user.name()))
                .findFirst().orElse(Api.JSON.missingNode());
    }

    private Api anonymous() {
        // wrong passwords count against the address: this class's come from addresses of their own
        return Api.anonymous(running.system().commandUrl()).withHeader("X-Forwarded-For", Identity.address());
    }

    private Api commands(String token) {
        return identity.commands(token).withHeader("X-Forwarded-For", Identity.address());
    }
}
