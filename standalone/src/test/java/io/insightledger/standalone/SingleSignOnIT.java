package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.infrastructure.Infrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.insightledger.standalone.CompanyIdentityProvider.ALICE;
import static io.insightledger.standalone.CompanyIdentityProvider.BOB;
import static io.insightledger.standalone.CompanyIdentityProvider.CAROL;
import static io.insightledger.standalone.CompanyIdentityProvider.DAVE;
import static io.insightledger.standalone.CompanyIdentityProvider.ERIN;
import static io.insightledger.standalone.CompanyIdentityProvider.GINA;
import static io.insightledger.standalone.CompanyIdentityProvider.MALLORY;
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
 * low are refused. In the browser, a person signs in to the web app through the identity provider's form and works
 * with the web app, which relays their access token; no page script can read it.
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
    void theLedgersOperationsTakeTheRoleAndTheNameFromTheToken() {
        String decider = signIn.authorizationCode(ALICE.username(), PASSWORD).accessToken();
        String viewer = signIn.authorizationCode(GINA.username(), PASSWORD).accessToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hypothesisId = "h-" + suffix;
        String meetingId = "m-" + suffix;

        assertRoleRequired(commands(viewer).post("/api/hypotheses", Requests.hypothesis(hypothesisId, "Denied")),
                "CONTRIBUTOR");
        assertThat(commands(decider).post("/api/meetings", Requests.meeting(meetingId, "Initech Bank")).status())
                .isEqualTo(201);
        assertThat(commands(decider).post("/api/hypotheses", Requests.hypothesis(hypothesisId,
                "Banks sign in with their own accounts")).status()).isEqualTo(201);
        assertThat(commands(decider).post("/api/hypotheses/" + hypothesisId + "/evidence",
                Requests.evidence("e-" + suffix, meetingId, "SUPPORTS")).status()).isEqualTo(201);
        Api.Response decision = commands(decider).post("/api/hypotheses/" + hypothesisId + "/decisions",
                Requests.decision("VALIDATED", List.of("e-" + suffix)));
        assertThat(decision.status()).as(decision.raw().body()).isEqualTo(201);

        // a VIEWER reads; the decision is alice's, as her token says
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Response hypothesis = queries(viewer).get("/api/hypotheses/" + hypothesisId);
            assertThat(hypothesis.status()).as(hypothesis.raw().body()).isEqualTo(200);
            assertThat(hypothesis.body().path("decisions").get(0).path("decidedBy").asText()).isEqualTo("alice");
        });
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
    void anUnverifiedEmailTakesOverNobody() {
        Api.Response created = admin().post("/api/admin/users", Map.of("name", "victor", "role", "DECIDER",
                "password", "victor's own password", "email", MALLORY.email()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

        String token = signIn.authorizationCode(MALLORY.username(), PASSWORD).accessToken();
        assertThat(CompanySignIn.claims(token).path("email_verified").asBoolean()).isFalse();
        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo("mallory");
        assertThat(me.body().path("role").asText()).isEqualTo("VIEWER");
        // victor keeps his own account, unlinked, with his e-mail
        assertThat(admin().get("/api/admin/users").body().findValues("name").stream().map(JsonNode::asText))
                .contains("victor", "mallory");
    }

    @Test
    void aNewcomerIsAViewerWhomAnAdminFindsAndPromotes() {
        String token = signIn.authorizationCode(CAROL.username(), PASSWORD).accessToken();

        Api.Response me = commands(token).get("/api/me");
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        assertThat(me.body().path("name").asText()).isEqualTo("carol");
        assertThat(me.body().path("role").asText()).isEqualTo("VIEWER");
        // and a member of the default workspace with the default role, where everybody starts
        assertThat(me.body().path("workspaces")).isEqualTo(Api.JSON.valueToTree(Map.of("default", "VIEWER")));
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

    @Test
    void inTheBrowserSignInAtTheCompanyThenWorkThroughTheWebAppWhichNoScriptCanTakeTheTokenFrom(@TempDir Path profile) {
        try (Browser browser = new Browser(system.webUrl(), profile)) {
            browser.open("/login");
            browser.click(By.id("login-sso"));
            // the identity provider's own form, on its own address
            browser.type(By.id("username"), ALICE.username());
            browser.type(By.id("password"), PASSWORD);
            browser.click(By.cssSelector("button[type=submit]"));

            browser.waitForText(By.id("signed-in-name"), "alice");
            assertThat(browser.text(By.id("signed-in-role"))).containsIgnoringCase("decider");

            browser.open("/propose");
            browser.type(By.id("hypothesis-title"), "Auditors sign in with their company account");
            browser.type(By.id("hypothesis-statement"), "We believe that auditors want no password of ours");
            browser.choose(By.id("hypothesis-category"), "DESIRABILITY");
            browser.type(By.id("hypothesis-successCriteria"), "We are right if no auditor asks for a password");
            browser.click(By.cssSelector("#propose-hypothesis button[type=submit]"));
            browser.waitForRoute("/hypotheses/h-");
            String hypothesisId = browser.currentRoute().split("/")[2].split("\\?")[0];
            browser.waitForText(By.cssSelector("#main h1"), "Auditors sign in with their company account");
            assertThat(Api.as(system.queryUrl(), RunningSystem.TOKEN).get("/api/hypotheses/" + hypothesisId).status())
                    .isEqualTo(200);
            // the board is the query side's answer to alice's access token, which the web app relays
            browser.open("/");
            browser.waitForText(By.cssSelector(".column[aria-label=Open]"), "Auditors sign in with their company account");

            // the tokens stay on the server: the page holds a session cookie it cannot read, and nothing stored
            assertThat(browser.script("return document.cookie")).isEqualTo("");
            assertThat(browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
        }
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
