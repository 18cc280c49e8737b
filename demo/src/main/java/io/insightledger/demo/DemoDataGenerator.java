package io.insightledger.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a {@link DemoPlan} against the command API, chains in parallel, showing a progress bar. Every request must
 * succeed (2xx); anything else is counted and reported, never hidden, except a 409 for what a run before did already:
 * a workspace created, a meeting shared. The command side must be in import mode ({@code insight.import.enabled}) and
 * the user an ADMIN: the history's requests carry the time they happened. {@link DemoPlan#ME} in a path is the user
 * the token belongs to (GET /api/me).
 */
public final class DemoDataGenerator {

    /** What a run did: requests sent, how many failed and with which statuses, and how long it took. */
    public record Summary(long requests, long failures, Map<Integer, Long> failuresByStatus, Duration took) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String commandUrl;
    private final String authorization;
    private final int clients;
    private final PrintStream progressOut;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param token       an ADMIN's API token: the history is imported (X-Effective-Time)
     * @param clients     requests in flight at once
     * @param progressOut where the progress bar goes (standard error), or null for none
     */
    public DemoDataGenerator(String commandUrl, String token, int clients, PrintStream progressOut) {
        this.commandUrl = commandUrl.replaceAll("/+$", "");
        this.authorization = "Bearer " + token;
        this.clients = clients;
        this.progressOut = progressOut;
    }

    public Summary run(DemoPlan plan) {
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Map<Integer, Long> byStatus = new ConcurrentHashMap<>();
        // counted once: a plan of a million requests takes a while to count, and progress asks after every request
        int total = plan.size();
        String me = URLEncoder.encode(me().path("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            for (DemoPlan.Phase phase : plan.allPhases()) {
                List<Future<?>> running = phase.chains().stream().<Future<?>>map(chain -> pool.submit(() -> {
                    for (DemoPlan.Request request : chain) {
                        int status = send(request, me);
                        if (status / 100 != 2 && !doneBefore(request, status)) {
                            failures.incrementAndGet();
                            byStatus.merge(status, 1L, Long::sum);
                        }
                        progress(phase.name(), done.incrementAndGet(), total, started);
                    }
                })).toList();
                for (Future<?> chain : running) {
                    chain.get();
                }
                if (phase == plan.workspaces()) {
                    awaitMembership();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A request could not be sent", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (progressOut != null) {
            progressOut.println();
        }
        return new Summary(done.get(), failures.get(), Map.copyOf(byStatus),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** A workspace created or a meeting shared by a run before: the API says 409, and it is as it should be. */
    static boolean doneBefore(DemoPlan.Request request, int status) {
        return status == 409 && request.method().equals("POST")
                && (request.path().equals("/api/admin/workspaces") || request.path().endsWith("/shares"));
    }

    /**
     * A new membership reaches a token within the APIs' re-check time (half a second): the history waits for it rather
     * than have its first meetings refused as recorded in a workspace the runner is no member of.
     */
    private void awaitMembership() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!DemoPlan.WORKSPACES.stream().allMatch(me().path("workspaces")::has)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The runner is still no member of " + DemoPlan.WORKSPACES
                        + " 10 s after joining them: " + me().path("workspaces"));
            }
            Thread.sleep(100);
        }
    }

    /** Who the token belongs to (the plan makes them a member of its workspaces), and where they are a member. */
    private JsonNode me() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/me"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /api/me answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("The command API at " + commandUrl + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int send(DemoPlan.Request request, String me) {
        try {
            HttpRequest http = HttpRequest.newBuilder(URI.create(commandUrl + request.path().replace(DemoPlan.ME, me)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    // import mode: the events take the time the request happened in the history
                    .header("X-Effective-Time", request.happenedAt().toString())
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.body())))
                    .build();
            return this.http.send(http, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("The command API at " + commandUrl + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void progress(String phase, long done, long total, long started) {
        if (progressOut == null || (done % 25 != 0 && done != total)) {
            return;
        }
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        progressOut.printf("\r[%s%s] %3d%%  %d/%d requests  %.0f/s  %s   ", "#".repeat(filled),
                ".".repeat(width - filled), 100 * done / Math.max(1, total), done, total, done / seconds, phase);
        progressOut.flush();
    }
}
