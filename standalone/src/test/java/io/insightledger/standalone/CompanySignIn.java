package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gets tokens from the company's identity provider over plain HTTP, as the web app and a service do: the
 * authorization code flow with PKCE (an HTTP client with a cookie jar that follows the redirects, fills in the sign-in
 * form and stops at the web app's callback, whose code it redeems), or client credentials.
 */
final class CompanySignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /** What the token endpoint answered. */
    record Tokens(String accessToken, String idToken, String refreshToken, JsonNode raw) {
    }

    private final String idp;
    private final String callback;

    /**
     * @param idp      where the identity provider answers
     * @param callback the web app's registered redirect URI, where the browser would take the code
     */
    CompanySignIn(String idp, String callback) {
        this.idp = idp;
        this.callback = callback;
    }

    /** A person signs in with the form; the code that comes back is redeemed with the web app's credentials. */
    Tokens authorizationCode(String username, String password) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = random();
        String state = random();
        String authorize = idp + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", CompanyIdentityProvider.WEB_APP,
                "scope", "openid profile email", "redirect_uri", callback, "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        HttpResponse<String> response = send(browser, get(authorize));
        assertThat(response.statusCode()).as("not signed in yet: to the form").isEqualTo(302);
        HttpResponse<String> loginPage = send(browser, get(location(response)));
        Matcher csrf = CSRF.matcher(loginPage.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        response = send(browser, HttpRequest.newBuilder(URI.create(idp + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                        "_csrf", csrf.group(1))))));
        // signed in: back to the authorization request, which now answers with a code for the web app's callback
        while (response.statusCode() == 302 && !location(response).startsWith(callback)) {
            assertThat(location(response)).as("signing in as " + username).doesNotContain("error");
            response = send(browser, get(location(response)));
        }
        assertThat(response.statusCode()).as("a redirect to the web app").isEqualTo(302);
        Map<String, String> answer = query(URI.create(location(response)));
        assertThat(answer).containsEntry("state", state);
        return token(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", answer.get("code"), "redirect_uri", callback, "code_verifier", verifier))),
                CompanyIdentityProvider.WEB_APP, CompanyIdentityProvider.WEB_APP_SECRET);
    }

    /** A service's own token, no person involved. */
    Tokens clientCredentials(String clientId, String secret) {
        return token(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                "scope", "ledger"))), clientId, secret);
    }

    private Tokens token(HttpRequest.BodyPublisher body, String clientId, String secret) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(idp + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(body));
        assertThat(response.statusCode()).as("the token endpoint: " + response.body()).isEqualTo(200);
        try {
            JsonNode json = Api.JSON.readTree(response.body());
            return new Tokens(json.path("access_token").asText(), json.path("id_token").asText(null),
                    json.path("refresh_token").asText(null), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of a JWT, unverified: what the tests look at, not what anybody trusts. */
    static JsonNode claims(String jwt) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET();
    }

    private String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError(response.statusCode() + " without a Location"));
        return URI.create(idp + "/").resolve(location).toString();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
