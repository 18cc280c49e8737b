package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.infrastructure.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.insightledger.standalone.CompanyIdentityProvider.ALICE;
import static io.insightledger.standalone.CompanyIdentityProvider.BOB;
import static io.insightledger.standalone.CompanyIdentityProvider.CAROL;
import static io.insightledger.standalone.CompanyIdentityProvider.DAVE;
import static io.insightledger.standalone.CompanyIdentityProvider.ERIN;
import static io.insightledger.standalone.CompanyIdentityProvider.EXPIRED_JOB;
import static io.insightledger.standalone.CompanyIdentityProvider.PASSWORD;
import static io.insightledger.standalone.CompanyIdentityProvider.REPORTING_JOB;
import static io.insightledger.standalone.CompanyIdentityProvider.ROLES_CLAIM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Single sign-on against a real authorization server (a company's identity provider, {@link CompanyIdentityProvider})
 * on both APIs: tokens are got the way the web app and a service get them ({@link CompanySignIn}: the authorization
 * code flow with PKCE through the sign-in form, or client credentials), and the APIs take the role from the token's
 * roles claim, else from the product's user of that subject or e-mail, else make a VIEWER of a newcomer. A token from
 * another issuer, one signed with other keys that claims the right issuer, an expired one, and one whose role is too
 * low are refused.
 */
class SingleSignOnIT {

    private static Infrastructure infrastructure;
    private static LedgerSystem system;
    private static CompanyIdentityProvider company;
    /** Another company's identity provider, with keys of its own. */
    private static CompanyIdentityProvider otherCompany;
    /** Says it is {@link #company} in its tokens, signs them with keys of its own. */
    private static CompanyIdentityProvider impostor;
    private static CompanySignIn signIn;

    @BeforeAll
    static void start() {
        LedgerSystem.Settings settings = RunningSystem.settings();
        String webUrl = "http://" + settings.address() + ":" + settings.webPort();
        company = CompanyIdentityProvider.start(RunningSystem.freePort(), webUrl);
        otherCompany = CompanyIdentityProvider.start(RunningSystem.freePort(), webUrl);
        impostor = CompanyIdentityProvider.start(RunningSystem.freePort(), company.issuer(), webUrl);
        signIn = new CompanySignIn(company.url(), webUrl + "/login/oauth2/code/"
                + CompanyIdentityProvider.WEB_APP_REGISTRATION);
        infrastructure = Infrastructure.start(Infrastructure.Options.temporary());
        system = LedgerSystem.start(infrastructure, settings.withOidc(new LedgerSystem.Oidc(company.issuer(),
                ROLES_CLAIM, CompanyIdentityProvider.WEB_APP, CompanyIdentityProvider.WEB_APP_SECRET)));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[]{system, infrastructure, impostor, otherCompany, company}) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // the others are closed all the same
            }
        }
    }

    @Test
    void aPersonSignsInThroughTheFormAndActsWithTheRoleTheirTokenClaims() {
        CompanySignIn.Tokens tokens = signIn.authorizationCode(ALICE.username(), PASSWORD);
        JsonNode claims = CompanySignIn.claims(tokens.accessToken());
        assertThat(claims.path("iss").asText()).isEqualTo(company.issuer());
        assertThat(claims.path(ROLES_CLAIM).get(0).asText()).isEqualTo("DECIDER");
        assertThat(tokens.idToken()).as("OpenID Connect").isNotNull();
        assertThat(tokens.refreshToken()).as("the web app keeps a session going").isNotNull();

        Api.Response me = commands(tokens.accessToken()).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo("alice");
        assertThat(me.body().path("role").asText()).isEqualTo("DECIDER");

        // DECIDER is not ADMIN: refused on both APIs, naming the role needed
        assertRoleRequired(commands(tokens.accessToken()).get("/api/admin/users"), "ADMIN");
        assertRoleRequired(queries(tokens.accessToken()).get("/actuator/metrics"), "ADMIN");
    }

    @Test
    void aClaimedAdminAdministersOnBothApisWhateverTheCaseOfTheClaim() {
        String token = signIn.authorizationCode(DAVE.username(), PASSWORD).accessToken();
        assertThat(CompanySignIn.claims(token).path(ROLES_CLAIM).get(0).asText()).isEqualTo("admin");

        assertThat(commands(token).get("/api/me").body().path("role").asText()).isEqualTo("ADMIN");
        assertThat(commands(token).get("/api/admin/users").status()).isEqualTo(200);
        assertThat(queries(token).get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void aServiceCallsWithItsClientCredentialsToken() {
        String token = signIn.clientCredentials(REPORTING_JOB, CompanyIdentityProvider.secretOf(REPORTING_JOB)).accessToken();

        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo(REPORTING_JOB);
        assertThat(me.body().path("role").asText()).isEqualTo("ADMIN");
        assertThat(queries(token).get("/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void withoutARolesClaimTheProductsUserOfThatEmailDecides() {
        Api.Response created = admin().post("/api/admin/users", Map.of("name", "robert", "role", "CONTRIBUTOR",
                "password", "robert's own password", "email", BOB.email().toUpperCase()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

        String token = signIn.authorizationCode(BOB.username(), PASSWORD).accessToken();
        assertThat(CompanySignIn.claims(token).has(ROLES_CLAIM)).isFalse();
        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo("robert");
        assertThat(me.body().path("role").asText()).isEqualTo("CONTRIBUTOR");
        assertRoleRequired(commands(token).get("/api/admin/users"), "ADMIN");
    }

    @Test
    void aNewcomerIsAViewerWhomAnAdminFindsAndPromotes() {
        String token = signIn.authorizationCode(CAROL.username(), PASSWORD).accessToken();

        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo("carol");
        assertThat(me.body().path("role").asText()).isEqualTo("VIEWER");
        // a VIEWER may keep tokens of their own
        assertThat(commands(token).get("/api/tokens").status()).isEqualTo(200);
        assertRoleRequired(queries(token).get("/actuator/metrics"), "ADMIN");

        JsonNode carol = user("carol");
        assertThat(carol.path("role").asText()).isEqualTo("VIEWER");
        assertThat(carol.path("email").asText()).isEqualTo(CAROL.email());
        assertThat(carol.path("enabled").asBoolean()).isTrue();

        // from now on she is found by her subject: the product's role counts, within the token recheck period
        assertThat(admin().put("/api/admin/users/carol/role", Map.of("role", "DECIDER")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(commands(token).get("/api/me").body().path("role").asText()).isEqualTo("DECIDER"));
        assertThat(user("carol").path("role").asText()).isEqualTo("DECIDER");
    }

    @Test
    void aNewcomerWhoseNameIsTakenBecomesAUserOfTheirOwn() {
        // a different person of the same name, who signs in with a password: the identity provider's erin must
        // neither get her role nor be turned away
        assertThat(admin().post("/api/admin/users", Map.of("name", "erin", "role", "DECIDER",
                "password", "the product's erin")).status()).isEqualTo(201);

        String token = signIn.authorizationCode(ERIN.username(), PASSWORD).accessToken();
        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isNotEqualTo("erin").startsWith("erin");
        assertThat(me.body().path("role").asText()).isEqualTo("VIEWER");
        assertThat(user("erin").path("role").asText()).isEqualTo("DECIDER");
        assertThat(user(me.body().path("name").asText()).path("email").asText()).isEqualTo(ERIN.email());
    }

    @Test
    void tokensFromAnotherIssuerWithOtherKeysOrExpiredAreRefused() {
        String otherIssuers = new CompanySignIn(otherCompany.url(), null)
                .clientCredentials(REPORTING_JOB, CompanyIdentityProvider.secretOf(REPORTING_JOB)).accessToken();
        assertThat(CompanySignIn.claims(otherIssuers).path("iss").asText()).isEqualTo(otherCompany.issuer());
        assertUnauthorized(commands(otherIssuers).get("/api/me"));
        assertUnauthorized(queries(otherIssuers).get("/actuator/metrics"));

        String forged = new CompanySignIn(impostor.url(), null).clientCredentials(REPORTING_JOB, CompanyIdentityProvider.secretOf(REPORTING_JOB))
                .accessToken();
        assertThat(CompanySignIn.claims(forged).path("iss").asText()).isEqualTo(company.issuer());
        assertUnauthorized(commands(forged).get("/api/me"));

        String expired = signIn.clientCredentials(EXPIRED_JOB, CompanyIdentityProvider.secretOf(EXPIRED_JOB)).accessToken();
        assertThat(Instant.ofEpochSecond(CompanySignIn.claims(expired).path("exp").asLong()))
                .isBefore(Instant.now().minus(Duration.ofMinutes(4)));
        assertUnauthorized(commands(expired).get("/api/me"));
        assertUnauthorized(queries(expired).get("/actuator/metrics"));

        // nothing of them became a user
        assertThat(admin().get("/api/admin/users").body().findValuesAsText("name")).doesNotContain(EXPIRED_JOB);
    }

    private static void assertRoleRequired(Api.Response response, String role) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("title").asText()).isEqualTo("RoleRequired");
        assertThat(response.body().path("requiredRole").asText()).isEqualTo(role);
    }

    private static void assertUnauthorized(Api.Response response) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static JsonNode user(String name) {
        List<JsonNode> users = admin().get("/api/admin/users").body().findParents("name");
        return users.stream().filter(user -> user.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No user " + name + " in " + users));
    }

    private static Api admin() {
        return Api.as(system.commandUrl(), RunningSystem.TOKEN);
    }

    private static Api commands(String jwt) {
        return Api.as(system.commandUrl(), jwt);
    }

    private static Api queries(String jwt) {
        return Api.as(system.queryUrl(), jwt);
    }
}
