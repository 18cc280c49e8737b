package io.insightledger.query.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.web.ProblemResponses;
import jakarta.servlet.Filter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The change stream over real HTTP, with clients that read and one that does not. */
@SpringBootTest(classes = ProjectionChangesTest.StreamOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "insight.stream.max-connections=" + ProjectionChangesTest.MAX_CONNECTIONS)
class ProjectionChangesTest {

    static final int MAX_CONNECTIONS = 2;
    /** Callers whose memberships were taken away while they listen. */
    static final Set<String> REMOVED = ConcurrentHashMap.newKeySet();

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    @Import({ProjectionChanges.class, StreamController.class, ProblemResponses.class})
    static class StreamOnly {
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        /** Memberships as the caller's credential said, unless a test takes them away (the identity database's part). */
        @Bean
        CurrentMemberships memberships() {
            return caller -> REMOVED.contains(caller.name()) ? Set.of() : caller.readable();
        }

        /** Signs every request in as a viewer of the workspaces its {@code X-Workspaces} names ({@code default}). */
        @Bean
        Filter signedIn() {
            return (request, response, chain) -> {
                String named = ((jakarta.servlet.http.HttpServletRequest) request).getHeader("X-Workspaces");
                String name = ((jakarta.servlet.http.HttpServletRequest) request).getHeader("X-Caller");
                Caller caller = new Caller(name == null ? "viewer" : name, Optional.of(Role.VIEWER), TokenScope.SESSION,
                        Optional.empty(),
                        Arrays.stream((named == null ? "default" : named).split(","))
                                .collect(Collectors.toMap(Function.identity(), workspace -> Role.VIEWER)));
                SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller));
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            };
        }
    }

    @Autowired
    ProjectionChanges changes;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void endStreams() throws IOException {
        changes.endStreams();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** A client that reads every line as it comes. */
    private List<String> reader() {
        return reader(stream());
    }

    private List<String> reader(HttpRequest stream) {
        List<String> lines = new CopyOnWriteArrayList<>();
        http.sendAsync(stream, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:hello"));
        return lines;
    }

    /** A client that asks for the stream and then never reads: its buffers fill, and the server's writes block. */
    private void nonReader() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream request = socket.getOutputStream();
        request.write(("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        request.flush();
    }

    private HttpRequest stream() {
        return stream("", "default");
    }

    /** The stream asked for with {@code query}, by a member of {@code workspaces} (comma-separated). */
    private HttpRequest stream(String query, String workspaces) {
        return stream(query, workspaces, "viewer");
    }

    private HttpRequest stream(String query, String workspaces, String caller) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream" + query))
                .header("Accept", "text/event-stream").header("X-Workspaces", workspaces).header("X-Caller", caller)
                .build();
    }

    private double clients() {
        return meters.get("insight.stream.clients").gauge().value();
    }

    private static long changesIn(List<String> lines) {
        return lines.stream().filter("event:change"::equals).count();
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndHoldsUpNothing() throws Exception {
        List<String> reading = reader();
        nonReader();
        await().atMost(Duration.ofSeconds(10)).until(() -> clients() == 2);
        // long enough that the non-reader's socket buffers fill long before the end
        String aggregateId = "h-" + "x".repeat(400);
        int batches = 100;
        int perBatch = 100;

        // as a projection would: a batch, committed, announced; the reading client keeps up with it
        CompletableFuture<Void> projection = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < batches; batch++) {
                int first = batch * perBatch;
                IntStream.range(first, first + perBatch)
                        .forEach(version -> changes.announce("hypotheses", aggregateId, version, "default"));
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                        .until(() -> changesIn(reading) >= first + perBatch);
            }
        });

        projection.get(60, TimeUnit.SECONDS);
        assertThat(meters.get("insight.stream.clients.dropped").counter().count()).isEqualTo(1);
        assertThat(clients()).isEqualTo(1);
        List<Long> versions = reading.stream().filter(line -> line.startsWith("data:"))
                .map(line -> json(line.substring(5)))
                .filter(data -> data.has("version"))
                .map(data -> data.path("version").asLong()).toList();
        assertThat(versions).hasSize(batches * perBatch).isSorted();
        // its place is free again
        reader();
        assertThat(clients()).isEqualTo(2);
    }

    @Test
    void oneClientMoreThanTheLimitIsAskedToComeBackLater() throws Exception {
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            reader();
        }

        HttpResponse<String> refused = http.send(stream(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(refused.body());
        assertThat(problem.path("rule").asText()).isEqualTo("StreamConnectionsWithinLimit");
        assertThat(problem.path("limit").asInt()).isEqualTo(MAX_CONNECTIONS);
    }

    @Test
    void aChangeIsAnnouncedOnceCommittedAndNeverWhenRolledBack() {
        List<String> lines = reader();

        inTransaction(() -> changes.announce("meetings", "m-rolled-back", 0, "default", List.of()),
                TransactionSynchronization.STATUS_ROLLED_BACK);
        inTransaction(() -> changes.announce("meetings", "m-committed", 0, "default", List.of()),
                TransactionSynchronization.STATUS_COMMITTED);
        changes.announceState("meetings", "REBUILDING");

        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event:projection"));
        assertThat(lines).filteredOn(line -> line.startsWith("event:"))
                .containsExactly("event:hello", "event:change", "event:projection");
        assertThat(String.join("\n", lines)).contains("m-committed").doesNotContain("m-rolled-back");
    }

    /**
     * A client hears of its own workspaces' changes and of meetings shared with them, seeing only its own among the
     * shares; of another workspace's changes, nothing at all.
     */
    @Test
    void aClientHearsOnlyOfItsWorkspaces() {
        List<String> payments = reader(stream("", "payments"));
        List<String> narrowed = reader(stream("?workspace=growth", "payments,growth"));

        changes.announce("hypotheses", "h-other", 1, "risk");
        changes.announce("hypotheses", "h-growth", 1, "growth");
        changes.announce("meetings", "m-risk", 2, "risk", List.of("payments", "legal"));
        changes.announce("hypotheses", "h-payments", 3, "payments");
        changes.announceState("meetings", "RUNNING");

        await().atMost(Duration.ofSeconds(10)).until(() -> payments.contains("event:projection")
                && narrowed.contains("event:projection"));
        List<JsonNode> heard = payments.stream().filter(line -> line.startsWith("data:"))
                .map(line -> json(line.substring(5))).filter(data -> data.has("aggregateId")).toList();
        assertThat(heard).extracting(data -> data.path("aggregateId").asText())
                .containsExactly("m-risk", "h-payments");
        assertThat(heard.get(0).path("sharedWith")).extracting(JsonNode::asText).containsExactly("payments");
        assertThat(heard.get(1).path("workspace").asText()).isEqualTo("payments");
        assertThat(String.join("\n", narrowed)).contains("h-growth").doesNotContain("h-payments")
                .doesNotContain("m-risk").doesNotContain("h-other");
    }

    /** A member taken out of a workspace while listening hears of none of its changes after that. */
    @Test
    void aMembershipTakenAwayWhileListeningCountsForTheChangesAfterIt() {
        List<String> leaving = reader(stream("", "payments", "leaving"));
        await().atMost(Duration.ofSeconds(10)).until(() -> leaving.contains("event:hello"));
        changes.announce("hypotheses", "h-before", 1, "payments");
        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("\n", leaving).contains("h-before"));

        REMOVED.add("leaving");
        changes.announce("hypotheses", "h-after", 2, "payments");
        changes.announceState("hypotheses", "RUNNING");

        await().atMost(Duration.ofSeconds(10)).until(() -> leaving.contains("event:projection"));
        assertThat(String.join("\n", leaving)).doesNotContain("h-after");
    }

    @Test
    void aWorkspaceTheCallerIsNoMemberOfIsNotFound() throws Exception {
        HttpResponse<String> answer = http.send(stream("?workspace=risk", "payments"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json(answer.body()).path("detail").asText()).isEqualTo("No workspace is known under id risk");
        assertThat(clients()).isZero();
    }

    @Test
    void streamsEndWhenTheApplicationCloses() throws Exception {
        CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(stream(), HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(10)).until(() -> clients() == 1);

        changes.endStreams();

        assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(clients()).isZero();
    }

    /** Runs {@code work} in a stand-in transaction that ends as {@code outcome} says. */
    private static void inTransaction(Runnable work, int outcome) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            work.run();
            List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
            if (outcome == TransactionSynchronization.STATUS_COMMITTED) {
                synchronizations.forEach(TransactionSynchronization::afterCommit);
            }
            synchronizations.forEach(synchronization -> synchronization.afterCompletion(outcome));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
