package io.insightledger.web.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.insightledger.web.WebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's session over real HTTP, with WireMock standing in for both APIs (docs/identity.md): the session token
 * stays on the server, the cookie is the only thing the browser holds, and every state-changing call needs the CSRF
 * token, except a caller's own bearer token, which passes through untouched.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=web")
class BrowserSessionTest {

    private static final String TOKEN = "il_" + "s3ss10nT0k3n-".repeat(4).substring(0, 43);
    private static final String SCRIPT_TOKEN = "il_" + "scr1ptT0k3n_".repeat(4).substring(0, 43);
    private static final WireMockServer apis = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        apis.start();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @DynamicPropertySource
    static void apis(DynamicPropertyRegistry properties) {
        properties.add("insight.web.command-side-url", apis::baseUrl);
        properties.add("insight.web.query-side-url", apis::baseUrl);
    }

    @AfterAll
    static void stopApis() {
        apis.stop();
    }

    @BeforeEach
    void identityEndpoints() {
        apis.resetAll();
        apis.stubFor(post("/api/auth/sessions").withRequestBody(equalToJson("{\"name\": \"ada\", \"password\": \"right\"}"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(
                        "{\"token\": \"" + TOKEN + "\", \"expiresAt\": \"2030-01-01T00:00:00Z\","
                                + " \"user\": {\"name\": \"ada\", \"role\": \"DECIDER\"}}")));
        apis.stubFor(post("/api/auth/sessions").withRequestBody(matchingJsonPath("$.password", equalTo("wrong")))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\": 401}")));
        apis.stubFor(post("/api/auth/sessions").withRequestBody(matchingJsonPath("$.name", equalTo("mallory")))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        apis.stubFor(post("/api/auth/sessions").withRequestBody(matchingJsonPath("$.name", equalTo("crash")))
                .willReturn(aResponse().withStatus(500)));
        // the role changed since sign-in: the page is told the current one
        apis.stubFor(get("/api/me").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"name\": \"ada\", \"role\": \"ADMIN\", \"scope\": \"SESSION\"}")));
        apis.stubFor(any(urlEqualTo("/api/auth/sessions/current")).willReturn(aResponse().withStatus(204)));
        apis.stubFor(any(urlPathEqualTo("/api/hypotheses")).willReturn(okJson("{\"items\": []}")));
        apis.stubFor(post("/api/meetings").willReturn(aResponse().withStatus(201)));
        apis.stubFor(get("/api/stream").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody("event: change\ndata: {\"projection\": \"hypotheses\"}\n\n")));
    }

    @Test
    void signingInKeepsTheTokenInTheSession() throws Exception {
        Browser browser = new Browser();
        String anonymousSession = browser.cookie;
        String anonymousCsrf = browser.csrf;

        HttpResponse<String> signedIn = browser.signIn("ada", "right");

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).doesNotContain(TOKEN);
        assertThat(signedIn.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains(TOKEN));
        JsonNode state = json.readTree(signedIn.body());
        assertThat(state.path("user").path("name").asText()).isEqualTo("ada");
        assertThat(state.path("user").path("role").asText()).isEqualTo("DECIDER");
        assertThat(browser.cookie).as("a new session id against fixation").isNotEqualTo(anonymousSession);
        assertThat(browser.csrf).as("a new CSRF token for the new session").isNotEqualTo(anonymousCsrf);
        apis.verify(postRequestedFor(urlEqualTo("/api/auth/sessions")).withHeader("X-Forwarded-For", equalTo("127.0.0.1")));

        JsonNode session = json.readTree(browser.send("GET", "/auth/session", null, false).body());
        assertThat(session.path("mode").asText()).isEqualTo("PASSWORD");
        assertThat(session.path("user").path("role").asText()).isEqualTo("ADMIN");
        assertThat(session.toString()).doesNotContain(TOKEN);
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndSecureBehindTls() throws Exception {
        String plain = sessionCookieOf(http.send(request("/auth/session").GET().build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(plain).contains("INSIGHT_SESSION=").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");

        // as a TLS proxy on a private address forwards it
        String secure = sessionCookieOf(http.send(request("/auth/session").header("X-Forwarded-Proto", "https").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(secure).contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
    }

    private static String sessionCookieOf(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        assertThat(cookies).as("the session cookie is the only cookie: the CSRF token is not one").hasSize(1);
        return cookies.get(0);
    }

    @Test
    void aWrongPasswordIs401AndNoSession() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> refused = browser.signIn("ada", "wrong");

        assertProblem(refused, 401);
        assertProblem(browser.send("GET", "/api/hypotheses", null, false), 401);
        apis.verify(0, getRequestedFor(urlPathEqualTo("/api/hypotheses")));
    }

    @Test
    void throttlingPassesThroughWithRetryAfter() throws Exception {
        HttpResponse<String> throttled = new Browser().signIn("mallory", "guess");

        assertProblem(throttled, 429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void aCommandSideInTroubleIs502() throws Exception {
        assertProblem(new Browser().signIn("crash", "anything"), 502);
    }

    @Test
    void signingInNeedsTheCsrfToken() throws Exception {
        Browser browser = new Browser();
        assertProblem(browser.send("POST", "/auth/sign-in", Map.of("name", "ada", "password", "right"), false), 403);
        apis.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theApisSeeTheSessionTokenNeverTheCookie() throws Exception {
        Browser browser = Browser.signedIn(this);

        assertThat(browser.send("GET", "/api/hypotheses?size=1", null, false).statusCode()).isEqualTo(200);
        HttpResponse<String> stream = http.send(browser.request("/api/stream").header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stream.body()).contains("event: change");

        apis.verify(getRequestedFor(urlEqualTo("/api/hypotheses?size=1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withHeader("Cookie", absent()));
        apis.verify(getRequestedFor(urlEqualTo("/api/stream"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withHeader("Cookie", absent()));
    }

    @Test
    void aWriteWithTheCookieNeedsTheCsrfToken() throws Exception {
        Browser browser = Browser.signedIn(this);

        HttpResponse<String> forged = browser.send("POST", "/api/meetings", Map.of("title", "forged"), false);
        assertProblem(forged, 403);
        assertThat(json.readTree(forged.body()).path("title").asText()).isEqualTo(Problems.CSRF_TITLE);
        apis.verify(0, postRequestedFor(urlEqualTo("/api/meetings")));

        assertThat(browser.send("POST", "/api/meetings", Map.of("title", "real"), true).statusCode()).isEqualTo(201);
        apis.verify(postRequestedFor(urlEqualTo("/api/meetings")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aCallersOwnBearerTokenPassesUnchangedWithoutSessionOrCsrf() throws Exception {
        HttpResponse<String> written = http.send(request("/api/meetings").header("Authorization", "Bearer " + SCRIPT_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(written.statusCode()).isEqualTo(201);
        assertThat(written.headers().allValues("Set-Cookie")).as("no session").isEmpty();
        apis.verify(postRequestedFor(urlEqualTo("/api/meetings")).withHeader("Authorization", equalTo("Bearer " + SCRIPT_TOKEN)));
    }

    @Test
    void withoutSessionOrBearerTokenTheApisAre401AndNothingAsksForBasic() throws Exception {
        assertProblem(http.send(request("/api/hypotheses").GET().build(), HttpResponse.BodyHandlers.ofString()), 401);
        assertProblem(http.send(request("/api/meetings").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()), 401);
        assertProblem(http.send(request("/api/hypotheses").header("Authorization", "Basic YWRhOnJpZ2h0").GET().build(),
                HttpResponse.BodyHandlers.ofString()), 401);
        for (String page : List.of("/", "/index.html", "/auth/session", "/login", "/no-such-page")) {
            HttpResponse<String> answer = http.send(request(page).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(page).isEmpty();
        }
        apis.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void signingOutRevokesTheTokenAndEndsTheCookie() throws Exception {
        Browser browser = Browser.signedIn(this);
        String oldCookie = browser.cookie;

        assertThat(browser.send("POST", "/auth/sign-out", null, true).statusCode()).isEqualTo(204);

        apis.verify(deleteRequestedFor(urlEqualTo("/api/auth/sessions/current"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        browser.cookie = oldCookie;
        assertProblem(browser.send("GET", "/api/hypotheses", null, false), 401);
    }

    @Test
    void anExpiringSessionRevokesItsToken() {
        MockHttpSession expiring = new MockHttpSession();
        expiring.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(new SignedInUser(new CommandSide.User("ada", "DECIDER"), TOKEN)));

        events.publishEvent(new HttpSessionDestroyedEvent(expiring));

        apis.verify(deleteRequestedFor(urlEqualTo("/api/auth/sessions/current"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    private void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(status);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** What a page holds: the session cookie (sent by the browser, unreadable to scripts) and the CSRF token. */
    private final class Browser {

        String cookie;
        String csrf;
        String csrfHeader;

        Browser() throws Exception {
            remember(send("GET", "/auth/session", null, false));
        }

        static Browser signedIn(BrowserSessionTest test) throws Exception {
            Browser browser = test.new Browser();
            assertThat(browser.signIn("ada", "right").statusCode()).isEqualTo(200);
            return browser;
        }

        HttpResponse<String> signIn(String name, String password) throws Exception {
            HttpResponse<String> answer = send("POST", "/auth/sign-in", Map.of("name", name, "password", password), true);
            if (answer.statusCode() == 200) {
                remember(answer);
            }
            return answer;
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = BrowserSessionTest.this.request(path);
            return cookie == null ? request : request.header("Cookie", cookie);
        }

        HttpResponse<String> send(String method, String path, Object body, boolean withCsrf) throws Exception {
            HttpRequest.Builder request = request(path).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (withCsrf) {
                request.header(csrfHeader, csrf);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answer.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.substring(0, set.indexOf(';')));
            return answer;
        }

        private void remember(HttpResponse<String> answer) throws IOException {
            JsonNode state = json.readTree(answer.body());
            csrf = state.path("csrf").path("token").asText();
            csrfHeader = state.path("csrf").path("headerName").asText();
        }
    }
}
