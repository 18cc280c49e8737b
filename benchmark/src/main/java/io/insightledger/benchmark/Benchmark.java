package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.insightledger.demo.DemoData;
import io.insightledger.demo.DemoDataGenerator;
import io.insightledger.demo.DemoPlan;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar benchmark/target/insight-ledger-benchmark.jar [--events=1000000] [--duration=30]
 * [--rates=250,500,1000] [--clients=16] [--command-url=... --query-url=... --jdbc-url=... --kafka=...]}: starts the
 * standalone system (or uses running services), records a history with the demo generator, measures queries,
 * commands, freshness, rebuild, footprint and the raw PostgreSQL and Kafka baselines, and writes
 * {@code target/benchmark/report.json} and {@code report.md}. Progress goes to standard error.
 */
public final class Benchmark {

    private final Options options;
    private final PrintStream progress;
    private final Api api;
    private final Load load;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Object> phases = new LinkedHashMap<>();

    Benchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.api = new Api(options.token());
        this.load = new Load(api, progress);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path report = new Benchmark(Options.parse(args), System.err).run();
        System.err.println("Report: " + report.toAbsolutePath() + " and " + report.resolveSibling("report.md"));
    }

    Path run() throws Exception {
        Files.createDirectories(options.out());
        report.put("startedAt", Instant.now().toString());
        report.put("machine", Machine.describe());
        report.put("options", optionsForReport());
        report.put("phases", phases);
        SystemUnderTest system = phase("start", () -> options.startsSystem()
                ? SystemUnderTest.start(options, options.out(), Duration.ofMinutes(5))
                : SystemUnderTest.running(options));
        try (system) {
            report.put("system", Map.of("mode", !options.startsSystem() ? "running services"
                            : options.separateProcesses() ? "separate JVMs: command side, query side, infrastructure"
                            : "standalone jar (one JVM)",
                    "commandUrl", system.commandUrl, "queryUrl", system.queryUrl));
            measure(system);
        }
        return Reports.write(report, options.out());
    }

    private void measure(SystemUnderTest system) throws Exception {
        Instant history = phase("history", () -> history(system));
        phase("footprint", () -> footprint(system));
        CommandMix mix = new CommandMix(api, system.commandUrl);
        if (options.reuseHistory()) {
            // services that have just started on a reused history compile and cache on their first requests
            phase("warm-up", () -> load.open("warm-up commands", 50, Duration.ofSeconds(20), mix::next));
        }
        phase("queries", () -> queries(system, mix, history));
        phase("commands", () -> commands(system, mix));
        phase("freshness", () -> freshness(system, mix));
        phase("rebuild", () -> rebuild(system));
        phase("baselines", () -> baselines(system));
        if (system.isLocal()) {
            footprint().put("afterRun", memory(system));
        }
        report.put("ratios", Reports.ratios(report));
        report.put("targets", Reports.targets(report, options));
    }

    /**
     * The demo generator's history, then the wait until both projections have read all of it. With
     * {@code --reuse-history}, the history of an earlier run on the same data directory, when there is one.
     */
    private Instant history(SystemUnderTest system) throws SQLException {
        if (options.reuseHistory() && topicEnd(system) > 0) {
            Map<String, Object> reused = new LinkedHashMap<>();
            reused.put("reused", "recorded by an earlier run on the same data directory");
            reused.put("projectionsCaughtUpAfterMs", awaitProjections(system, "projections catching up"));
            reused.put("events", topicEnd(system));
            report.put("history", reused);
            return Instant.now();
        }
        int perScale = DemoPlan.of(options.seed(), 1, DemoData.today()).size();
        double scale = Math.max(0.01, (double) options.events() / perScale);
        DemoPlan plan = DemoPlan.of(options.seed(), scale, DemoData.today());
        progress.printf("History: %d requests (demo scale %.2f), %d clients%n", plan.size(), scale,
                options.historyClients());
        double[] cpu = cpu(system);
        DemoDataGenerator.Summary summary = new DemoDataGenerator(system.commandUrl, options.token(),
                options.historyClients(), progress).run(plan);
        Instant recorded = Instant.now();
        long caughtUpMillis = awaitProjections(system, "projections catching up");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("demoScale", Latency.round(scale));
        result.put("requests", summary.requests());
        result.put("failures", summary.failures());
        result.put("failuresByStatus", summary.failuresByStatus());
        result.put("seconds", Latency.round(summary.took().toMillis() / 1000.0));
        result.put("requestsPerSecond", Latency.round(summary.requests() / (summary.took().toMillis() / 1000.0)));
        result.put("projectionsCaughtUpAfterMs", caughtUpMillis);
        result.put("cpuMsPerRequest", cpuCost(system, cpu, summary.requests()));
        result.put("events", topicEnd(system));
        report.put("history", result);
        return recorded;
    }

    private Void footprint(SystemUnderTest system) throws Exception {
        Map<String, Object> footprint = new LinkedHashMap<>();
        long events = topicEnd(system);
        if (system.jdbcUrl != null) {
            footprint.put("eventStore", new PostgresBaseline(system.jdbcUrl).eventStoreSize());
        }
        if (system.kafka != null) {
            footprint.put("topic", new KafkaBaseline(system.kafka, eventTopic()).eventTopicRecords(events));
        }
        if (system.isLocal()) {
            footprint.put("afterHistory", memory(system));
        } else {
            footprint.put("memory", "not measured: the services run elsewhere");
        }
        report.put("footprint", footprint);
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> footprint() {
        return (Map<String, Object>) report.get("footprint");
    }

    /** Resident memory of each started JVM, and PostgreSQL's. */
    private Map<String, Object> memory(SystemUnderTest system) {
        Map<String, Object> memory = new LinkedHashMap<>();
        Map<String, Object> jvms = new LinkedHashMap<>();
        system.jvms().forEach((name, jvm) -> jvms.put(name, Machine.residentMemory(jvm.pid())));
        memory.put("jvmResident", jvms);
        memory.put("postgresProportionalMiB", Machine.proportionalMemoryMiB(system.postgres()));
        return memory;
    }

    /**
     * Board, a hypothesis, its timeline, the hypothesis as it stood halfway through its history, and the dashboard, in
     * turn at a fixed rate, while commands keep arriving in the background.
     */
    private Void queries(SystemUnderTest system, CommandMix mix, Instant historyEnd) throws Exception {
        String q = system.queryUrl;
        List<String[]> hypotheses = new ArrayList<>();
        for (JsonNode row : api.call(api.get(q + "/api/hypotheses?size=200&sort=created")).path("items")) {
            String id = row.path("id").asText();
            JsonNode timeline = api.call(api.get(q + "/api/hypotheses/" + id + "/timeline?size=200")).path("items");
            String middle = timeline.size() == 0 ? historyEnd.toString()
                    : timeline.get(timeline.size() / 2).path("occurredAt").asText();
            hypotheses.add(new String[]{id, middle});
            if (hypotheses.size() == 50) {
                break;
            }
        }
        if (hypotheses.isEmpty()) {
            throw new IllegalStateException("The board is empty: no history to query");
        }
        String[] kinds = {"board", "hypothesis", "timeline", "timeTravel", "dashboard"};
        AtomicLong turn = new AtomicLong();
        double[] cpu = cpu(system);
        CompletableFuture<Load.Result> background = CompletableFuture.supplyAsync(() -> load.open(
                "background commands", options.queryBackgroundCommands(), options.duration(), mix::next));
        Load.Result result = load.open("queries " + options.queryRate() + "/s", options.queryRate(),
                options.duration(), () -> {
                    String kind = kinds[(int) (turn.getAndIncrement() % kinds.length)];
                    String[] h = hypotheses.get(ThreadLocalRandom.current().nextInt(hypotheses.size()));
                    String path = switch (kind) {
                        case "board" -> "/api/hypotheses";
                        case "hypothesis" -> "/api/hypotheses/" + h[0];
                        case "timeline" -> "/api/hypotheses/" + h[0] + "/timeline";
                        case "timeTravel" -> "/api/hypotheses/" + h[0] + "?asOf=" + h[1];
                        default -> "/api/dashboard";
                    };
                    return new Load.Operation(kind, api.get(q + path), response -> { });
                });
        Map<String, Object> queries = new LinkedHashMap<>();
        queries.put("rate", options.queryRate());
        queries.put("result", result.summary());
        Load.Result commands = background.join();
        queries.put("backgroundCommands", commands.summary());
        queries.put("cpuMsPerRequest", cpuCost(system, cpu, result.ok.get() + commands.ok.get()));
        report.put("queries", queries);
        return null;
    }

    private Void commands(SystemUnderTest system, CommandMix mix) {
        Map<String, Object> commands = new LinkedHashMap<>();
        double[] cpu = cpu(system);
        Load.Result sustained = load.closed("commands, " + options.clients() + " clients", options.clients(),
                options.duration(), mix::next);
        Map<String, Object> closed = new LinkedHashMap<>();
        closed.put("clients", options.clients());
        closed.putAll(sustained.summary());
        closed.put("cpuMsPerCommand", cpuCost(system, cpu, sustained.ok.get()));
        commands.put("sustained", closed);
        List<Map<String, Object>> open = new ArrayList<>();
        for (int rate : options.rates()) {
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("rate", rate);
            phase.put("loadAverageBefore", Machine.loadAverage());
            cpu = cpu(system);
            Load.Result result = load.open("commands " + rate + "/s", rate, options.duration(), mix::next);
            phase.putAll(result.summary());
            phase.put("cpuMsPerCommand", cpuCost(system, cpu, result.ok.get()));
            phase.put("loadAverageAfter", Machine.loadAverage());
            open.add(phase);
        }
        commands.put("openModel", open);
        report.put("commands", commands);
        return null;
    }

    private Void freshness(SystemUnderTest system, CommandMix mix) throws SQLException {
        // what the command phases left behind would otherwise count against the first commands measured here
        awaitProjections(system, "projections catching up before freshness");
        try (Freshness freshness = new Freshness(api, system.queryUrl)) {
            mix.onHypothesisChange(freshness::answered);
            Load.Result result = load.open("freshness " + options.freshnessRate() + "/s", options.freshnessRate(),
                    options.duration(), mix::next);
            long unseen = freshness.awaitAndCountUnseen(Duration.ofSeconds(30));
            mix.onHypothesisChange(change -> { });
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rate", options.freshnessRate());
            summary.put("measuredCommands", freshness.expected());
            summary.put("neverVisible", unseen);
            summary.put("latency", freshness.latency.summary());
            summary.put("commands", result.summary());
            report.put("freshness", summary);
        }
        return null;
    }

    /** Every projection from the first record of the topic, as POST /api/admin/projections/rebuild does it. */
    private Void rebuild(SystemUnderTest system) throws SQLException {
        awaitProjections(system, "projections catching up before the rebuild");
        long events = topicEnd(system);
        double[] cpu = cpu(system);
        long started = System.nanoTime();
        api.call(api.post(system.queryUrl + "/api/admin/projections/rebuild", Map.of()));
        long millis = awaitProjections(system, "rebuilding");
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> rebuild = new LinkedHashMap<>();
        rebuild.put("events", events);
        rebuild.put("projections", api.call(api.get(system.queryUrl + "/api/admin/projections")).path("items").size());
        rebuild.put("seconds", Latency.round(seconds));
        rebuild.put("eventsPerSecond", Latency.round(events / seconds));
        rebuild.put("cpuMsPerEvent", cpuCost(system, cpu, events));
        rebuild.put("note", "all projections rebuild at once, each reading every event; waited " + millis + " ms");
        report.put("rebuild", rebuild);
        return null;
    }

    private Void baselines(SystemUnderTest system) throws Exception {
        Map<String, Object> baselines = new LinkedHashMap<>();
        Map<String, Object> footprint = footprint();
        if (system.jdbcUrl != null) {
            Map<?, ?> store = (Map<?, ?>) footprint.get("eventStore");
            progress.println("Baseline: PostgreSQL inserts");
            baselines.put("postgres", new PostgresBaseline(system.jdbcUrl).measure(options.clients(),
                    options.baselineDuration(), ((Number) store.get("averagePayloadBytes")).intValue(),
                    ((Number) store.get("averageMetadataBytes")).intValue()));
        }
        if (system.kafka != null) {
            Map<?, ?> topic = (Map<?, ?>) footprint.get("topic");
            progress.println("Baseline: Kafka produce and consume");
            baselines.put("kafka", new KafkaBaseline(system.kafka, eventTopic()).measure(options.baselineDuration(),
                    ((Number) topic.get("averageKeyBytes")).intValue(),
                    ((Number) topic.get("averageValueBytes")).intValue(), options.freshnessRate()));
        }
        report.put("baselines", baselines);
        return null;
    }

    /**
     * Waits until the topic holds every event stored so far and no projection is rebuilding or behind it, showing
     * progress; answers how long it took.
     */
    private long awaitProjections(SystemUnderTest system, String what) throws SQLException {
        long stored = system.jdbcUrl == null ? 0 : new PostgresBaseline(system.jdbcUrl).storedEvents();
        long started = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            JsonNode items = api.call(api.get(system.queryUrl + "/api/admin/projections")).path("items");
            boolean done = items.size() > 0;
            if (items.size() > 0 && items.get(0).path("end").asLong() < stored) {
                done = false;
            }
            StringBuilder line = new StringBuilder();
            for (JsonNode item : items) {
                done &= "RUNNING".equals(item.path("state").asText()) && item.path("lag").asLong() == 0;
                line.append(String.format("  %s %s %d/%d", item.path("name").asText(), item.path("state").asText(),
                        item.path("position").asLong(), item.path("end").asLong()));
            }
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if (done) {
                progress.printf("  [%s] done in %d ms%s%n", what, elapsed, line);
                return elapsed;
            }
            if (elapsed - lastPrint >= 2000) {
                progress.printf("  [%s] %d s  stored %d%s%n", what, elapsed / 1000, stored, line);
                lastPrint = elapsed;
            }
            Load.sleep(Duration.ofMillis(200));
        }
    }

    private static double[] cpu(SystemUnderTest system) {
        return system.isLocal()
                ? new double[]{Machine.cpuSeconds(List.copyOf(system.jvms().values())),
                        Machine.cpuSeconds(system.postgres())}
                : null;
    }

    /**
     * CPU milliseconds the started system spent per unit of work since {@code before}: its JVMs together, and its
     * PostgreSQL.
     * A figure that the machine's other load barely changes, unlike rates and latencies.
     */
    private static Map<String, Object> cpuCost(SystemUnderTest system, double[] before, long units) {
        if (before == null || units == 0) {
            return null;
        }
        double[] after = cpu(system);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("jvm", Latency.round((after[0] - before[0]) * 1000 / units));
        cost.put("postgres", Latency.round((after[1] - before[1]) * 1000 / units));
        return cost;
    }

    private long topicEnd(SystemUnderTest system) {
        JsonNode items = api.call(api.get(system.queryUrl + "/api/admin/projections")).path("items");
        return items.size() == 0 ? 0 : items.get(0).path("end").asLong();
    }

    private static String eventTopic() {
        return System.getenv().getOrDefault("INSIGHT_KAFKA_TOPIC", "insight-ledger.events");
    }

    /** Runs a phase with its wall-clock time and the machine's load average before and after it in the report. */
    private <T> T phase(String name, Callable<T> work) throws Exception {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("loadAverageBefore", Machine.loadAverage());
        progress.printf("== %s (load average %s)%n", name, phase.get("loadAverageBefore"));
        long started = System.nanoTime();
        try {
            return work.call();
        } finally {
            phase.put("seconds", Latency.round((System.nanoTime() - started) / 1e9));
            phase.put("loadAverageAfter", Machine.loadAverage());
            phases.put(name, phase);
        }
    }

    private Map<String, Object> optionsForReport() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("events", options.events());
        shown.put("historyClients", options.historyClients());
        shown.put("durationSeconds", options.duration().toSeconds());
        shown.put("clients", options.clients());
        shown.put("rates", options.rates());
        shown.put("freshnessRate", options.freshnessRate());
        shown.put("queryRate", options.queryRate());
        shown.put("queryBackgroundCommands", options.queryBackgroundCommands());
        shown.put("jvmOptions", options.startsSystem() ? options.jvmOptions() : null);
        shown.put("processes", options.separateProcesses() ? "separate" : "one");
        shown.put("serviceJvmOptions", options.startsSystem() && options.separateProcesses()
                ? options.serviceJvmOptions() : null);
        shown.put("reuseHistory", options.reuseHistory());
        return shown;
    }
}
