package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * Time from a command's 2xx to the change being visible through the query API. The query side announces every
 * committed change of a hypothesis on {@code GET /api/stream} (projection, hypothesis, version) once its transaction
 * commits, that is once a read returns it; matching those announcements to the commands' answers by hypothesis and
 * version gives each command's freshness without polling. Meetings are not announced on the stream, so the
 * hypothesis commands of the mix (proposals, evidence, decisions) are the ones measured.
 */
final class Freshness implements AutoCloseable {

    final Latency latency = new Latency();
    /** Per hypothesis, the answered versions not yet seen, with when they were answered. */
    private final Map<String, NavigableMap<Long, Long>> answered = new ConcurrentHashMap<>();
    /** Per hypothesis, the highest version announced so far. */
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
                    seen(change.path("aggregateId").asText(), change.path("version").asLong());
                }
            }
        }));
        connected.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * A command's answer. The query side may announce only a hypothesis's latest version after a batch of its
     * events, so a version counts as visible once it or a later one is announced.
     */
    void answered(CommandMix.Change change) {
        expected.incrementAndGet();
        NavigableMap<Long, Long> pending = answered.computeIfAbsent(change.hypothesisId(),
                id -> new ConcurrentSkipListMap<>());
        pending.put(change.version(), change.answeredNanos());
        Long seen = announced.get(change.hypothesisId());
        if (seen != null) {
            seen(change.hypothesisId(), seen);
        }
    }

    private void seen(String hypothesisId, long version) {
        long now = System.nanoTime();
        announced.merge(hypothesisId, version, Math::max);
        NavigableMap<Long, Long> pending = answered.get(hypothesisId);
        if (pending == null) {
            return;
        }
        NavigableMap<Long, Long> visible = pending.headMap(version, true);
        for (Map.Entry<Long, Long> entry = visible.pollFirstEntry(); entry != null; entry = visible.pollFirstEntry()) {
            latency.recordNanos(Math.max(0, now - entry.getValue()));
        }
    }

    /** Waits a little for the last changes to show, then counts those that never did. */
    long awaitAndCountUnseen(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (unseen() > 0 && System.nanoTime() < deadline) {
            Load.sleep(Duration.ofMillis(50));
        }
        return unseen();
    }

    private long unseen() {
        return answered.values().stream().mapToLong(Map::size).sum();
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
