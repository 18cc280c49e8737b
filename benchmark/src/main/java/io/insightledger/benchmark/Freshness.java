package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Time from a command's 2xx to the change being visible through the query API. The query side announces every
 * committed change of a hypothesis on {@code GET /api/stream} (projection, hypothesis, version) once its transaction
 * commits, that is once a read returns it; matching those announcements to the commands' answers by hypothesis and
 * version gives each command's freshness without polling. Meetings are not announced on the stream, so the
 * hypothesis commands of the mix (proposals, evidence, decisions) are the ones measured.
 */
final class Freshness implements AutoCloseable {

    final Latency latency = new Latency();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final Map<String, Long> announced = new ConcurrentHashMap<>();
    private final AtomicLong expected = new AtomicLong();
    private final CompletableFuture<HttpResponse<Stream<String>>> stream;

    Freshness(Api api, String queryUrl) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        stream = api.client().sendAsync(api.base(queryUrl + "/api/stream").timeout(Duration.ofHours(2))
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().forEach(line -> {
            if (line.startsWith("data:")) {
                connected.complete(null);
                JsonNode change = Api.parse(line.substring(5));
                if ("hypotheses".equals(change.path("projection").asText()) && change.hasNonNull("version")) {
                    seen(change.path("aggregateId").asText() + "@" + change.path("version").asLong());
                }
            }
        }));
        connected.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    void answered(CommandMix.Change change) {
        expected.incrementAndGet();
        String key = change.hypothesisId() + "@" + change.version();
        Long seenAt = announced.remove(key);
        if (seenAt != null) {
            latency.recordNanos(Math.max(0, seenAt - change.answeredNanos()));
        } else {
            answered.put(key, change.answeredNanos());
        }
    }

    private void seen(String key) {
        long now = System.nanoTime();
        Long answeredAt = answered.remove(key);
        if (answeredAt != null) {
            latency.recordNanos(now - answeredAt);
        } else {
            announced.put(key, now);
        }
    }

    /** Waits a little for the last changes to show, then counts those that never did. */
    long awaitAndCountUnseen(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!answered.isEmpty() && System.nanoTime() < deadline) {
            Load.sleep(Duration.ofMillis(50));
        }
        return answered.size();
    }

    long expected() {
        return expected.get();
    }

    @Override
    public void close() {
        stream.thenAccept(response -> response.body().close());
        stream.cancel(true);
    }
}
