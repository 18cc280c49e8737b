package io.insightledger.standalone;

import io.insightledger.standalone.Api.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Users, sign-ins and API tokens for the identity tests, made through the APIs as an ADMIN and a user would. */
final class Identity {

    /** A password long enough for the PasswordLength rule. */
    static final String PASSWORD = "correct horse battery staple";

    /** Addresses of the benchmarking block 198.18.0.0/15: no test shares one, and none is a trusted proxy's. */
    private static final AtomicInteger addresses = new AtomicInteger(ThreadLocalRandom.current().nextInt(60_000));

    record User(String name, String role, String password) {
    }

    /** A token just made: its id (for listing and revoking) and its secret (shown this once). */
    record Token(String id, String secret) {
    }

    private final RunningSystem running;
    private final Api admin;

    Identity(RunningSystem running) {
        this.running = running;
        this.admin = running.commands();
    }

    /** A user name no other test uses. */
    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An address for {@code X-Forwarded-For} that no other request of the run comes from. */
    static String address() {
        int n = addresses.incrementAndGet();
        return "198.18." + ((n >> 8) & 255) + "." + (n & 255);
    }

    /** A user with their own role, a member of {@code default} with it (as users were before workspaces). */
    User user(String prefix, String role) {
        return user(prefix, role, null);
    }

    /** A user with their own role, a member of exactly these workspaces with these roles (null: default's). */
    User user(String prefix, String role, Map<String, String> workspaces) {
        User user = new User(name(prefix), role, PASSWORD);
        Map<String, Object> request = new LinkedHashMap<>(Map.of("name", user.name(), "role", role,
                "password", PASSWORD));
        if (workspaces != null) {
            request.put("workspaces", workspaces);
        }
        Response created = admin.post("/api/admin/users", request);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return user;
    }

    /** A new workspace no other test uses; its id. */
    String workspace(String prefix) {
        String id = name(prefix);
        Response created = admin.post("/api/admin/workspaces", Map.of("id", id, "name", "Team " + id));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return id;
    }

    /** Makes the user a member of the workspace with the role (adds them, or changes their role there). */
    void member(String user, String workspace, String role) {
        Response member = admin.put("/api/admin/workspaces/" + workspace + "/members/" + user, Map.of("role", role));
        assertThat(member.status()).as(member.raw().body()).isEqualTo(200);
    }

    /** A web session's token, as the web app gets it when the user signs in. */
    String signIn(User user) {
        Response session = Api.anonymous(running.system().commandUrl()).post("/api/auth/sessions",
                Map.of("name", user.name(), "password", user.password()));
        assertThat(session.status()).as(session.raw().body()).isEqualTo(201);
        return session.body().path("token").asText();
    }

    Token token(String bearer, String scope) {
        return token(bearer, scope, null);
    }

    /** A personal API token, made by whoever {@code bearer} stands for. */
    Token token(String bearer, String scope, Instant expiresAt) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "token for " + scope);
        request.put("scope", scope);
        if (expiresAt != null) {
            request.put("expiresAt", expiresAt.toString());
        }
        Response created = commands(bearer).post("/api/tokens", request);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new Token(created.body().path("token").path("id").asText(), created.body().path("secret").asText());
    }

    Api commands(String bearer) {
        return Api.as(running.system().commandUrl(), bearer);
    }

    Api queries(String bearer) {
        return Api.as(running.system().queryUrl(), bearer);
    }

    Api admin() {
        return admin;
    }

    /** A problem+json answer of that status, naming the rule (unless {@code null}) and the field (unless null). */
    static void assertProblem(Response response, int status, String rule, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (rule != null) {
            assertThat(response.body().path("title").asText()).isEqualTo(rule);
        }
        if (field != null) {
            assertThat(response.body().path("errors").findValuesAsText("field")).as(response.raw().body())
                    .containsExactly(field);
        }
    }

    /** An instant strictly between the change before and the one after, for questions about the past. */
    static Instant between() {
        pause();
        Instant now = Instant.now();
        pause();
        return now;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
