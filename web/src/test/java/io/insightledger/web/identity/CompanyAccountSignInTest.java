package io.insightledger.web.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.insightledger.web.WebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSO mode against a stand-in issuer that only publishes its discovery document: the application starts without it,
 * sends the browser there with PKCE, and offers no password form. (The whole round trip through a real authorization
 * server is the standalone module's business.)
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=web", "insight.web.oidc.client-id=insight-web",
                "insight.web.oidc.client-secret=secret"})
class CompanyAccountSignInTest {

    private static final WireMockServer issuer = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        issuer.start();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry properties) {
        properties.add("insight.web.oidc.issuer-uri", issuer::baseUrl);
        properties.add("insight.web.command-side-url", issuer::baseUrl);
        properties.add("insight.web.query-side-url", issuer::baseUrl);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop();
    }

    @Test
    void signingInGoesToTheIssuerWithPkceAndOnlyThenReadsItsDiscovery() throws Exception {
        assertThat(issuer.getAllServeEvents()).as("nothing asked of the issuer at start-up").isEmpty();
        String base = issuer.baseUrl();
        issuer.stubFor(get("/.well-known/openid-configuration").willReturn(okJson("""
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "userinfo_endpoint": "%1$s/userinfo", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                """.formatted(base))));

        HttpResponse<String> toIssuer = http.send(request(SignInMode.SSO.signInUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(toIssuer.statusCode()).isEqualTo(302);
        UriComponents authorize = UriComponentsBuilder.fromUriString(toIssuer.headers().firstValue("Location").orElseThrow())
                .build();
        assertThat(authorize.toUriString()).startsWith(base + "/authorize");
        assertThat(authorize.getQueryParams().getFirst("response_type")).isEqualTo("code");
        assertThat(authorize.getQueryParams().getFirst("client_id")).isEqualTo("insight-web");
        assertThat(decoded(authorize.getQueryParams().getFirst("scope"))).isEqualTo("openid profile email");
        assertThat(authorize.getQueryParams().getFirst("code_challenge_method")).isEqualTo("S256");
        assertThat(authorize.getQueryParams().getFirst("code_challenge")).isNotBlank();
        assertThat(authorize.getQueryParams().getFirst("nonce")).isNotBlank();
        assertThat(decoded(authorize.getQueryParams().getFirst("redirect_uri")))
                .isEqualTo("http://127.0.0.1:" + port + "/login/oauth2/code/company");
    }

    @Test
    void thePageIsToldToOfferTheCompanyAccountAndNoPasswordForm() throws Exception {
        HttpResponse<String> answer = http.send(request("/auth/session").GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode state = json.readTree(answer.body());
        assertThat(state.path("mode").asText()).isEqualTo("SSO");
        assertThat(state.path("signInUrl").asText()).isEqualTo("/oauth2/authorization/company");
        assertThat(state.path("user").isNull()).isTrue();

        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> password = http.send(request("/auth/sign-in").header("Cookie", cookie)
                .header(state.path("csrf").path("headerName").asText(), state.path("csrf").path("token").asText())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ada\", \"password\": \"right\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(password.statusCode()).isBetween(404, 405);
        issuer.verify(0, postRequestedFor(urlPathEqualTo("/api/auth/sessions")));
    }

    @Test
    void theApisStillNeedASignIn() throws Exception {
        HttpResponse<String> answer = http.send(request("/api/hypotheses").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("401 problem, not a redirect to the issuer").isEqualTo(401);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        issuer.verify(0, anyRequestedFor(urlPathEqualTo("/api/hypotheses")));
    }

    private static String decoded(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
