package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.standalone.Api.Response;
import io.insightledger.standalone.Identity.Token;
import io.insightledger.standalone.Identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal API tokens over both APIs: shown once, scoped, never more than their owner, expiring, revoked by the owner
 * or an ADMIN and then refused within a second, refused while their owner is disabled.
 *
 * <p>On the shared system: each test has users of its own, and each token call comes from an address of its own
 * ({@code X-Forwarded-For}): every refused token counts against its address, and polling until a token is refused
 * would otherwise block the address (429) that the next poll, or the next test, comes from.
 */
class ApiTokensIT {

    @RegisterExtension
    static final RunningSystem running = RunningSystem.shared();

    /** What the APIs promise about a revoked token (docs/identity.md). */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(1);

    private final Identity identity = new Identity(running);

    @Test
    void aTokenIsShownOnceAndWorksOnBothApis() {
        User user = identity.user("tokens-shown", "CONTRIBUTOR");
        String session = identity.signIn(user);
        Response created = identity.commands(session).post("/api/tokens",
                Map.of("name", "nightly export", "scope", "READ_WRITE"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.body().path("secret").asText();
        String id = created.body().path("token").path("id").asText();
        assertThat(secret).matches("il_[A-Za-z0-9_-]{43}");
        // 90 days by default
        assertThat(Instant.parse(created.body().path("token").path("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));

        Response listed = identity.commands(session).get("/api/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("id")).containsExactly(id);
        assertThat(listed.body().get(0).path("name").asText()).isEqualTo("nightly export");
        assertThat(listed.body().get(0).path("scope").asText()).isEqualTo("READ_WRITE");
        // the secret is never shown again, nor anything derived from it
        assertThat(listed.raw().body()).doesNotContain(secret).doesNotContain(secret.substring(3, 20))
                .doesNotContain("secret").doesNotContain("hash");
        Response everyones = identity.admin().get("/api/admin/tokens?user=" + user.name());
        assertThat(everyones.body().findValuesAsText("id")).containsExactly(id);
        assertThat(everyones.raw().body()).doesNotContain(secret).doesNotContain("secret");

        JsonNode me = commands(secret).get("/api/me").body();
        assertThat(me.path("name").asText()).isEqualTo(user.name());
        assertThat(me.path("role").asText()).isEqualTo("CONTRIBUTOR");
        assertThat(me.path("scope").asText()).isEqualTo("READ_WRITE");
        String meetingId = "m-" + UUID.randomUUID();
        assertThat(commands(secret).post("/api/meetings", Requests.meeting(meetingId, "Token Bank")).status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(queries(secret).get("/api/meetings/" + meetingId).status()).isEqualTo(200));
    }

    @Test
    void aReadTokenCannotWriteThoughItsOwnerCould() {
        User decider = identity.user("tokens-read", "DECIDER");
        String session = identity.signIn(decider);
        Token read = identity.token(session, "READ");

        JsonNode me = commands(read.secret()).get("/api/me").body();
        assertThat(me.path("role").asText()).isEqualTo("VIEWER");
        assertThat(me.path("scope").asText()).isEqualTo("READ");
        assertThat(queries(read.secret()).get("/api/hypotheses").status()).isEqualTo(200);
        Response write = commands(read.secret()).post("/api/meetings",
                Requests.meeting("m-" + UUID.randomUUID(), "Read Only Ltd"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.body().path("requiredRole").asText()).isEqualTo("CONTRIBUTOR");
        // the owner could: the scope, not the person, is what refused
        assertThat(identity.commands(session).post("/api/meetings",
                Requests.meeting("m-" + UUID.randomUUID(), "Read Only Ltd")).status()).isEqualTo(201);
        // and only an ADMIN makes a metrics token
        assertThat(identity.commands(session).post("/api/tokens", Map.of("name", "scraper", "scope", "METRICS"))
                .status()).isEqualTo(403);
        // a leaked READ token can neither make itself a stronger one nor revoke its owner's others
        Response minted = commands(read.secret()).post("/api/tokens", Map.of("name", "escalated", "scope", "READ_WRITE"));
        assertThat(minted.status()).isEqualTo(403);
        assertThat(minted.body().path("rule").asText()).isEqualTo("TokenScopeAllowed");
        assertThat(commands(read.secret()).delete("/api/tokens/" + read.id()).status()).isEqualTo(403);
    }

    @Test
    void aMetricsTokenStopsWhenItsOwnerIsNoLongerAnAdmin() {
        User admin = identity.user("tokens-metrics", "ADMIN");
        Token metrics = identity.token(identity.signIn(admin), "METRICS");
        assertThat(queries(metrics.secret()).get("/actuator/prometheus").status()).isEqualTo(200);
        // it reaches no API operation, whatever its owner may do
        assertThat(queries(metrics.secret()).get("/api/hypotheses").status()).isEqualTo(403);

        assertThat(identity.admin().put("/api/admin/users/" + admin.name() + "/role", Map.of("role", "DECIDER"))
                .status()).isEqualTo(200);
        await().atMost(REFUSED_WITHIN).untilAsserted(() ->
                assertThat(queries(metrics.secret()).get("/actuator/prometheus").status()).isEqualTo(401));
    }

    @Test
    void aTokenNeverExceedsItsOwnerOnceDemoted() {
        User contributor = identity.user("tokens-demoted", "CONTRIBUTOR");
        Token token = identity.token(identity.signIn(contributor), "READ_WRITE");
        // the role is checked before the body is read: {} tells the role check's answer without recording anything
        assertThat(commands(token.secret()).post("/api/meetings", Map.of()).status()).isEqualTo(400);

        // what they may write is their role as a member of the workspace (default, made with the user)
        assertThat(identity.admin().put("/api/admin/workspaces/default/members/" + contributor.name(),
                Map.of("role", "VIEWER")).status()).isEqualTo(200);
        long demoted = System.nanoTime();
        await().atMost(REFUSED_WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            Response write = commands(token.secret()).post("/api/meetings", Map.of());
            assertThat(write.status()).isEqualTo(403);
            assertThat(write.body().path("requiredRole").asText()).isEqualTo("CONTRIBUTOR");
        });
        System.out.printf("ApiTokensIT: a demoted owner's token lost CONTRIBUTOR after %d ms%n",
                Duration.ofNanos(System.nanoTime() - demoted).toMillis());
        assertThat(commands(token.secret()).get("/api/me").body().path("workspaces").path("default").asText())
                .isEqualTo("VIEWER");
        assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefusedOnBothApis() {
        User user = identity.user("tokens-expiring", "VIEWER");
        Instant expiresAt = Instant.now().plusSeconds(2);
        Token token = identity.token(identity.signIn(user), "READ", expiresAt);
        assertThat(commands(token.secret()).get("/api/me").status()).isEqualTo(200);
        assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(200);

        Instant[] refusedAt = new Instant[2];
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (refusedAt[0] == null && commands(token.secret()).get("/api/me").status() == 401) {
                refusedAt[0] = Instant.now();
            }
            if (refusedAt[1] == null && queries(token.secret()).get("/api/hypotheses").status() == 401) {
                refusedAt[1] = Instant.now();
            }
            return refusedAt[0] != null && refusedAt[1] != null;
        });
        // refused because it expired, and not long after: a checked token is trusted for half a second more
        assertThat(refusedAt).allSatisfy(at -> assertThat(at).isBetween(expiresAt, expiresAt.plus(REFUSED_WITHIN)));
        Response refused = queries(token.secret()).get("/api/hypotheses");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aTokenRevokedByItsOwnerIsRefusedWithinOneSecondOnBothApis() {
        User user = identity.user("tokens-revoked", "CONTRIBUTOR");
        String session = identity.signIn(user);
        Token token = identity.token(session, "READ_WRITE");

        Duration[] refusedAfter = revokeAndMeasure(token, () -> identity.commands(session)
                .delete("/api/tokens/" + token.id()));
        System.out.printf("ApiTokensIT: revoked by its owner, refused after %d ms (command side) and %d ms "
                + "(query side)%n", refusedAfter[0].toMillis(), refusedAfter[1].toMillis());
        assertThat(refusedAfter).allSatisfy(after -> assertThat(after).isLessThan(REFUSED_WITHIN));

        JsonNode listed = identity.commands(session).get("/api/tokens").body().get(0);
        assertThat(listed.path("id").asText()).isEqualTo(token.id());
        assertThat(listed.path("revokedAt").isTextual()).isTrue();
        // revoking twice is no error, and nothing changes
        assertThat(identity.commands(session).delete("/api/tokens/" + token.id()).status()).isEqualTo(204);
    }

    @Test
    void aTokenRevokedByAnAdminIsRefusedWithinOneSecondOnBothApis() {
        User user = identity.user("tokens-admin-revoked", "VIEWER");
        Token token = identity.token(identity.signIn(user), "READ");

        Duration[] refusedAfter = revokeAndMeasure(token, () -> identity.admin()
                .delete("/api/admin/tokens/" + token.id()));
        System.out.printf("ApiTokensIT: revoked by an ADMIN, refused after %d ms (command side) and %d ms "
                + "(query side)%n", refusedAfter[0].toMillis(), refusedAfter[1].toMillis());
        assertThat(refusedAfter).allSatisfy(after -> assertThat(after).isLessThan(REFUSED_WITHIN));

        JsonNode listed = identity.admin().get("/api/admin/tokens?user=" + user.name()).body().get(0);
        assertThat(listed.path("revokedAt").isTextual()).isTrue();
        assertThat(listed.path("revokedBy").asText()).isEqualTo(RunningSystem.USER);
        assertThat(identity.admin().delete("/api/admin/tokens/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aDisabledUsersTokensAreRefusedAndWorkAgainOnceEnabled() {
        User user = identity.user("tokens-disabled", "CONTRIBUTOR");
        String session = identity.signIn(user);
        Token readWrite = identity.token(session, "READ_WRITE");
        Token read = identity.token(session, "READ");
        for (Token token : new Token[]{readWrite, read}) {
            assertThat(commands(token.secret()).get("/api/me").status()).isEqualTo(200);
            assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(200);
        }

        assertThat(identity.admin().post("/api/admin/users/" + user.name() + "/disable", Map.of()).status())
                .isEqualTo(200);
        long disabled = System.nanoTime();
        await().atMost(REFUSED_WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (Token token : new Token[]{readWrite, read}) {
                assertThat(commands(token.secret()).get("/api/me").status()).isEqualTo(401);
                assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(401);
            }
        });
        System.out.printf("ApiTokensIT: a disabled user's tokens refused on both APIs after %d ms%n",
                Duration.ofNanos(System.nanoTime() - disabled).toMillis());
        // disabling ends the web sessions for good; the tokens are only suspended
        assertThat(commands(session).get("/api/me").status()).isEqualTo(401);

        assertThat(identity.admin().post("/api/admin/users/" + user.name() + "/enable", Map.of()).status())
                .isEqualTo(200);
        await().atMost(REFUSED_WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(commands(readWrite.secret()).post("/api/meetings", Map.of()).status()).isEqualTo(400);
            assertThat(queries(read.secret()).get("/api/hypotheses").status()).isEqualTo(200);
        });
        assertThat(commands(session).get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void anotherUsersTokenCannotBeRevokedAndAnswersAsIfItDidNotExist() {
        User owner = identity.user("tokens-owner", "VIEWER");
        User other = identity.user("tokens-other", "DECIDER");
        Token token = identity.token(identity.signIn(owner), "READ");
        String othersSession = identity.signIn(other);

        Response attempt = identity.commands(othersSession).delete("/api/tokens/" + token.id());
        assertThat(attempt.status()).isEqualTo(404);
        assertThat(attempt.body().path("title").asText()).isEqualTo("TokenNotFound");
        assertThat(identity.commands(othersSession).delete("/api/tokens/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(identity.commands(othersSession).get("/api/tokens").body().findValuesAsText("id"))
                .doesNotContain(token.id());
        // still the owner's and still working
        assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(200);
        assertThat(identity.admin().get("/api/admin/tokens?user=" + owner.name()).body().get(0)
                .path("revokedAt").isMissingNode()).isTrue();
    }

    /**
     * Uses the token on both APIs (so each trusts it for the recheck period: the worst case), revokes it, then
     * polls both until each answers 401.
     *
     * @return how long after the revocation's answer each API refused it: command side, query side
     */
    private Duration[] revokeAndMeasure(Token token, Supplier<Response> revoke) {
        assertThat(commands(token.secret()).get("/api/me").status()).isEqualTo(200);
        assertThat(queries(token.secret()).get("/api/hypotheses").status()).isEqualTo(200);
        assertThat(revoke.get().status()).isEqualTo(204);
        long revoked = System.nanoTime();
        Duration[] refusedAfter = new Duration[2];
        // each API is polled until its first 401: the moment it refused
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (refusedAfter[0] == null && commands(token.secret()).get("/api/me").status() == 401) {
                refusedAfter[0] = Duration.ofNanos(System.nanoTime() - revoked);
            }
            if (refusedAfter[1] == null && queries(token.secret()).get("/api/hypotheses").status() == 401) {
                refusedAfter[1] = Duration.ofNanos(System.nanoTime() - revoked);
            }
            return refusedAfter[0] != null && refusedAfter[1] != null;
        });
        return refusedAfter;
    }

    private Api commands(String token) {
        return identity.commands(token).withHeader("X-Forwarded-For", Identity.address());
    }

    private Api queries(String token) {
        return identity.queries(token).withHeader("X-Forwarded-For", Identity.address());
    }
}
