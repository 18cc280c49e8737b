package io.insightledger.web.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.insightledger.web.WebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy in front of a stand-in API (a plain HTTP server that records what reaches it), over real HTTP. */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=web", "insight.http.max-request-body=1KB"})
class ApiProxyTest {

    private static final int LIMIT = 1024;
    private static final List<byte[]> received = new CopyOnWriteArrayList<>();
    private static final List<String> forwardedFor = new CopyOnWriteArrayList<>();
    private static final HttpServer api = startApi();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    private static HttpServer startApi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                received.add(exchange.getRequestBody().readAllBytes());
                forwardedFor.add(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
                exchange.sendResponseHeaders(201, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void apis(DynamicPropertyRegistry properties) {
        String url = "http://127.0.0.1:" + api.getAddress().getPort();
        properties.add("insight.web.command-side-url", () -> url);
        properties.add("insight.web.query-side-url", () -> url);
    }

    @AfterAll
    static void stopApi() {
        api.stop(0);
    }

    @BeforeEach
    void nothingReceivedYet() {
        received.clear();
        forwardedFor.clear();
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/meetings"))
                .header("Content-Type", "application/json")
                // a caller with its own token: without one (or a session) the proxy answers 401 before any body
                .header("Authorization", "Bearer il_" + "x".repeat(43))
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sent chunked: the client does not say how long it is. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    @Test
    void aBodyWithinTheLimitIsPassedOnWhole() throws Exception {
        byte[] body = new byte[LIMIT];
        assertThat(post(HttpRequest.BodyPublishers.ofByteArray(body)).statusCode()).isEqualTo(201);
        assertThat(post(chunked(body)).statusCode()).isEqualTo(201);
        assertThat(received).hasSize(2).allSatisfy(passed -> assertThat(passed).isEqualTo(body));
        // the APIs throttle per address: they must see the caller's, not the proxy's
        assertThat(forwardedFor).containsOnly("127.0.0.1");
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefused() throws Exception {
        assertRefused(post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])));
    }

    @Test
    void aChunkedBodyAboveTheLimitIsRefused() throws Exception {
        assertRefused(post(chunked(new byte[4 * LIMIT])));
    }

    private void assertRefused(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("rule").asText()).isEqualTo("BodyWithinLimit");
        assertThat(problem.path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(received).as("passed on").isEmpty();
    }
}
