package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The command mix: record a meeting (25%), capture an observation (35%), link evidence (30%) and decide (10%), plus
 * the proposals that keep about {@value #OPEN_HYPOTHESES} hypotheses open. Each command only names what an earlier
 * command created successfully, so every command is valid and any error is the system's, not the mix's. Safe to
 * call from many threads.
 */
final class CommandMix {

    private static final int OPEN_HYPOTHESES = 40;

    /** What a command changed, for freshness: the hypothesis whose projection shows it, and its version after. */
    record Change(String hypothesisId, long version, long answeredNanos) {
    }

    private final Api api;
    private final String commandUrl;
    private final String prefix;
    private final AtomicLong ids = new AtomicLong();
    private final List<String> recentMeetings = new ArrayList<>();
    private final Queue<String[]> unlinkedObservations = new ConcurrentLinkedQueue<>();
    private final Map<String, List<String>> openHypotheses = new ConcurrentHashMap<>();
    private final Queue<String> decidable = new ConcurrentLinkedQueue<>();
    private volatile Consumer<Change> changes = change -> { };

    CommandMix(Api api, String commandUrl) {
        this.api = api;
        this.commandUrl = commandUrl;
        this.prefix = "bench" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /** Where the answers of hypothesis commands are reported, for the freshness phase. */
    void onHypothesisChange(Consumer<Change> listener) {
        this.changes = listener;
    }

    Load.Operation next() {
        // proposals in flight are not counted: a few too many open hypotheses is harmless
        if (openHypotheses.size() < OPEN_HYPOTHESES) {
            return propose();
        }
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 10) {
            String hypothesis = decidable.poll();
            if (hypothesis != null) {
                return decide(hypothesis);
            }
        }
        if (dice < 40) {
            String[] observation = openHypotheses.isEmpty() ? null : unlinkedObservations.poll();
            if (observation != null) {
                return link(observation);
            }
        }
        if (dice < 75) {
            String meeting = recentMeeting();
            if (meeting != null) {
                return capture(meeting);
            }
        }
        return record();
    }

    private Load.Operation record() {
        String id = prefix + "m" + ids.incrementAndGet();
        Instant when = Instant.now().minus(ThreadLocalRandom.current().nextInt(1, 300), ChronoUnit.DAYS);
        Map<String, Object> body = Map.of("id", id, "title", "Benchmark interview " + id,
                "occurredAt", when.truncatedTo(ChronoUnit.SECONDS).toString(),
                "organization", "Benchmark Org " + ThreadLocalRandom.current().nextInt(200), "segment", "bank",
                "channel", "VIDEO", "attendees", List.of(
                        Map.of("name", "Customer", "role", "CISO", "side", "CUSTOMER"),
                        Map.of("name", "Pat", "role", "Product manager", "side", "TEAM")),
                "notes", "Talked about key rotation, audit logs and how they run them today.",
                "tags", List.of("security"));
        return new Load.Operation("recordMeeting", api.post(commandUrl + "/api/meetings", body), response -> {
            synchronized (recentMeetings) {
                recentMeetings.add(id);
                if (recentMeetings.size() > 500) {
                    recentMeetings.remove(0);
                }
            }
        });
    }

    private Load.Operation capture(String meetingId) {
        String id = "o" + ids.incrementAndGet();
        Map<String, Object> body = Map.of("id", id, "text", "We rotate keys by hand every quarter and it hurts.",
                "kind", "PAIN_POINT", "speakerRole", "CISO", "tags", List.of("security"));
        return new Load.Operation("captureObservation",
                api.post(commandUrl + "/api/meetings/" + meetingId + "/observations", body),
                response -> unlinkedObservations.add(new String[]{meetingId, id}));
    }

    /** Links to an open hypothesis; there is always one, as the mix proposes first when fewer are open. */
    private Load.Operation link(String[] observation) {
        List<String> open = List.copyOf(openHypotheses.keySet());
        String hypothesis = open.get(ThreadLocalRandom.current().nextInt(open.size()));
        String id = "e" + ids.incrementAndGet();
        Map<String, Object> body = Map.of("id", id, "meetingId", observation[0], "observationId", observation[1],
                "direction", "SUPPORTS", "strength", "STRONG", "note", "Backs the idea");
        return new Load.Operation("linkEvidence",
                api.post(commandUrl + "/api/hypotheses/" + hypothesis + "/evidence", body), response -> {
                    List<String> evidence = openHypotheses.get(hypothesis);
                    if (evidence != null) {
                        boolean first;
                        synchronized (evidence) {
                            first = evidence.isEmpty();
                            evidence.add(id);
                        }
                        if (first) {
                            decidable.add(hypothesis);
                        }
                    }
                    changed(hypothesis, response);
                });
    }

    private Load.Operation decide(String hypothesis) {
        List<String> evidence = openHypotheses.remove(hypothesis);
        List<String> basis;
        synchronized (evidence) {
            basis = List.copyOf(evidence);
        }
        Map<String, Object> body = Map.of("outcome", "VALIDATED", "rationale", "Enough customers asked for it",
                "evidenceIds", basis);
        return new Load.Operation("decide",
                api.post(commandUrl + "/api/hypotheses/" + hypothesis + "/decisions", body),
                response -> changed(hypothesis, response));
    }

    private Load.Operation propose() {
        String id = prefix + "h" + ids.incrementAndGet();
        Map<String, Object> body = Map.of("id", id, "title", "Keys rotate themselves " + id,
                "statement", "We believe that security teams want automatic key rotation",
                "category", "DESIRABILITY", "successCriteria", "We are right if 3 of 5 banks ask for it",
                "tags", List.of("security"), "segments", List.of("bank"));
        return new Load.Operation("proposeHypothesis", api.post(commandUrl + "/api/hypotheses", body), response -> {
            openHypotheses.put(id, new ArrayList<>());
            changed(id, response);
        });
    }

    private void changed(String hypothesis, HttpResponse<String> response) {
        long answered = System.nanoTime();
        JsonNode body = Api.parse(response.body());
        changes.accept(new Change(hypothesis, body.path("version").asLong(-1), answered));
    }

    private String recentMeeting() {
        synchronized (recentMeetings) {
            return recentMeetings.isEmpty() ? null
                    : recentMeetings.get(ThreadLocalRandom.current().nextInt(recentMeetings.size()));
        }
    }
}
