package io.insightledger.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients writing at once, as users do: each records a meeting, then proposes hypotheses one after the other (tagged
 * with the load's name) and links evidence from its meeting to each. Every answer is noted; a write that answered 2xx
 * is acknowledged, and what the fault tests then hold the system to.
 */
final class WriteLoad implements AutoCloseable {

    /** A write that answered 2xx: the hypothesis and the version the answer named. */
    record Acknowledged(String id, long version) {
    }

    /** An answer: its status (0 when none came at all) and how long it took. */
    record Answer(int status, Duration took) {
    }

    private final Api commands;
    private final String name;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<String> meetings = new ArrayList<>();
    private final List<Thread> clients = new ArrayList<>();

    private WriteLoad(Api commands, String name) {
        this.commands = commands;
        this.name = name;
    }

    /** Starts {@code clients} clients, each once its meeting is recorded; ids and the tag begin with {@code name}. */
    static WriteLoad start(Api commands, String name, int clients) {
        WriteLoad load = new WriteLoad(commands, name);
        for (int client = 0; client < clients; client++) {
            String meetingId = name + "-m" + client;
            assertThat(commands.post("/api/meetings", Requests.meeting(meetingId, "Load Org " + client)).status())
                    .isEqualTo(201);
            load.meetings.add(meetingId);
            int number = client;
            Thread thread = new Thread(() -> load.write(number, meetingId), name + "-client-" + client);
            load.clients.add(thread);
        }
        load.clients.forEach(Thread::start);
        return load;
    }

    private void write(int client, String meetingId) {
        for (int n = 0; !stopping.get(); n++) {
            String hypothesisId = name + "-h" + client + "-" + n;
            if (send(hypothesisId, "/api/hypotheses", Requests.with(Requests.hypothesis(hypothesisId, "Idea " + n),
                    "tags", List.of(name))) && !stopping.get()) {
                send(hypothesisId, "/api/hypotheses/" + hypothesisId + "/evidence",
                        Requests.evidence("e-" + n, meetingId, "SUPPORTS"));
            }
        }
    }

    /** @return whether the write to the hypothesis was acknowledged (an evidence link answers with the evidence's id) */
    private boolean send(String hypothesisId, String path, Map<String, Object> body) {
        long begin = System.nanoTime();
        int status = 0;
        try {
            Api.Response response = commands.post(path, body);
            status = response.status();
            if (status / 100 == 2) {
                acknowledged.add(new Acknowledged(hypothesisId, response.body().path("version").asLong()));
            }
        } catch (UncheckedIOException e) {
            // nobody answers (the service is down): do not spin
            pause();
        }
        answers.add(new Answer(status, Duration.ofNanos(System.nanoTime() - begin)));
        return status / 100 == 2;
    }

    /** Waits until {@code count} more writes were acknowledged than now. */
    void awaitMoreAcknowledged(int count, Duration timeout) {
        int target = acknowledged.size() + count;
        await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.size() >= target);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Every answer so far, in the order they came. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** How many answers of each status came (0 for no answer at all): for messages and reports. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1L, Long::sum));
        return statuses;
    }

    /** Stops the clients; each finishes the request it is in. */
    @Override
    public void close() {
        stopping.set(true);
        for (Thread client : clients) {
            try {
                client.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Nothing acknowledged is lost and everything stored is projected exactly once: the event store holds every
     * acknowledged version, and each of the load's hypotheses in the store has a timeline of exactly its stored events,
     * each once and in order (sequence numbers 0 to n - 1). Call after {@link #close()}; waits up to {@code catchUp}
     * for the query side.
     *
     * @param storedEvents the event store's count of events per aggregate, read after the load stopped
     */
    void assertEveryAcknowledgedWriteProjectedOnce(Api queries, Map<String, Long> storedEvents, Duration catchUp) {
        assertThat(acknowledged).as("acknowledged writes").isNotEmpty();
        List<Acknowledged> lost = acknowledged.stream()
                .filter(write -> storedEvents.getOrDefault(write.id(), 0L) <= write.version()).toList();
        assertThat(lost).as("acknowledged writes missing from the event store, of %d", acknowledged.size()).isEmpty();

        Map<String, Long> hypotheses = new TreeMap<>();
        storedEvents.forEach((id, count) -> {
            if (id.startsWith(name + "-h")) {
                hypotheses.put(id, count);
            }
        });
        // the board counts them cheaply; once all are there, the timelines are worth reading
        await().atMost(catchUp).pollInterval(Duration.ofMillis(500)).until(() ->
                queries.get("/api/hypotheses?size=1&tag=" + name).body().path("totalItems").asLong() >= hypotheses.size());
        await().atMost(catchUp).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map.Entry<String, Long> hypothesis : hypotheses.entrySet()) {
                assertThat(sequenceNumbers(queries, hypothesis.getKey())).as("timeline of " + hypothesis.getKey())
                        .isEqualTo(LongStream.range(0, hypothesis.getValue()).boxed().toList());
            }
        });
        assertThat(queries.get("/api/hypotheses?size=1&tag=" + name).body().path("totalItems").asLong())
                .as("hypotheses on the board").isEqualTo(hypotheses.size());
        for (String meetingId : meetings) {
            assertThat(queries.get("/api/meetings/" + meetingId).status()).as(meetingId).isEqualTo(200);
        }
    }

    private static List<Long> sequenceNumbers(Api queries, String hypothesisId) {
        JsonNode items = queries.get("/api/hypotheses/" + hypothesisId + "/timeline?size=200").body().path("items");
        List<Long> sequences = new ArrayList<>();
        items.forEach(item -> sequences.add(item.path("sequenceNumber").asLong()));
        return sequences;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
