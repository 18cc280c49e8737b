package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report: everything measured as JSON, the targets and the ratios to the baselines also as markdown. */
final class Reports {

    private Reports() {
    }

    static Path write(Map<String, Object> report, Path dir) throws IOException {
        Path json = dir.resolve("report.json");
        Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        Files.writeString(dir.resolve("report.md"), markdown(Api.JSON.valueToTree(report)));
        return json;
    }

    /**
     * Each figure over its baseline on the same machine in the same run: for rates, the share of the raw rate we
     * reach; for latencies and sizes, how many times the raw figure ours is.
     */
    static Map<String, Object> ratios(Map<String, Object> report) {
        JsonNode r = Api.JSON.valueToTree(report);
        JsonNode pg = r.path("baselines").path("postgres");
        JsonNode kafka = r.path("baselines").path("kafka");
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, "commandsPerSecond / postgresSingleInsertsPerSecond",
                r.path("commands").path("sustained").path("okPerSecond"), pg.path("singleInserts").path("perSecond"));
        ratio(ratios, "commandP99At500 / postgresSingleInsertP99",
                openAt(r, 500).path("latency").path("p99Ms"), pg.path("singleInserts").path("latency").path("p99Ms"));
        ratio(ratios, "historyRequestsPerSecond / postgresSingleInsertsPerSecond",
                r.path("history").path("requestsPerSecond"), pg.path("singleInserts").path("perSecond"));
        ratio(ratios, "freshnessP99 / kafkaEndToEndP99", r.path("freshness").path("latency").path("p99Ms"),
                kafka.path("endToEnd").path("latency").path("p99Ms"));
        ratio(ratios, "rebuildEventsPerSecond / kafkaConsumePerSecond", r.path("rebuild").path("eventsPerSecond"),
                kafka.path("consume").path("perSecond"));
        ratio(ratios, "rebuildEventsPerSecond / postgresBatchedInsertsPerSecond",
                r.path("rebuild").path("eventsPerSecond"), pg.path("batchedInserts").path("perSecond"));
        ratio(ratios, "queryP99 / postgresPrimaryKeyReadP99", r.path("queries").path("result").path("latency")
                .path("p99Ms"), pg.path("primaryKeyReads").path("latency").path("p99Ms"));
        ratio(ratios, "eventStoreBytesPerMillion / baselineTableBytesPerMillion",
                r.path("footprint").path("eventStore").path("eventTableBytesPerMillionEvents"),
                pg.path("tableBytesPerMillionRows"));
        ratio(ratios, "topicBytesPerMillion / baselineTopicBytesPerMillion",
                r.path("footprint").path("topic").path("topicBytesPerMillionEvents"),
                kafka.path("topicBytesPerMillionRecords"));
        return ratios;
    }

    /** The targets for a 2-core machine, each with what this run measured. */
    static List<Map<String, Object>> targets(Map<String, Object> report, Options options) {
        JsonNode r = Api.JSON.valueToTree(report);
        List<Map<String, Object>> targets = new ArrayList<>();
        target(targets, "commands sustained, per second (" + options.clients() + " clients)", ">= 1000",
                r.path("commands").path("sustained").path("okPerSecond"), true, 1000);
        JsonNode at500 = openAt(r, 500);
        target(targets, "command p99 at " + at500.path("rate").asInt() + "/s, ms", "<= 50",
                at500.path("latency").path("p99Ms"), false, 50);
        target(targets, "freshness p99 at " + options.freshnessRate() + " commands/s, ms", "<= 500",
                r.path("freshness").path("latency").path("p99Ms"), false, 500);
        target(targets, "rebuild, events per second (" + r.path("rebuild").path("events").asLong() + " events)",
                ">= 10000", r.path("rebuild").path("eventsPerSecond"), true, 10000);
        target(targets, "query p99 at " + options.queryRate() + "/s, ms (" + r.path("history").path("events").asLong()
                + " events)", "<= 25", r.path("queries").path("result").path("latency").path("p99Ms"), false, 25);
        r.path("footprint").path("afterRun").path("jvmResident").fields().forEachRemaining(jvm -> {
            // the per-service target applies to a service in a JVM of its own; the one-JVM run holds two and a broker
            boolean service = jvm.getKey().endsWith(" side");
            if (service || !options.separateProcesses()) {
                target(targets, "peak resident memory, MiB: " + jvm.getKey(),
                        service ? "<= 512" : "<= 1024 (512 per service)", jvm.getValue().path("peakRssMiB"), false,
                        service ? 512 : 1024);
            }
        });
        return targets;
    }

    private static JsonNode openAt(JsonNode report, int rate) {
        JsonNode closest = Api.JSON.missingNode();
        for (JsonNode phase : report.path("commands").path("openModel")) {
            if (closest.isMissingNode() || Math.abs(phase.path("rate").asInt() - rate)
                    < Math.abs(closest.path("rate").asInt() - rate)) {
                closest = phase;
            }
        }
        return closest;
    }

    private static void ratio(Map<String, Object> ratios, String name, JsonNode ours, JsonNode baseline) {
        if (ours.isNumber() && baseline.isNumber() && baseline.asDouble() > 0) {
            ratios.put(name, Math.round(ours.asDouble() / baseline.asDouble() * 1000) / 1000.0);
        }
    }

    private static void target(List<Map<String, Object>> targets, String name, String target, JsonNode measured,
                               boolean atLeast, double limit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("target", target);
        row.put("measured", measured.isNumber() ? measured.asDouble() : null);
        row.put("met", measured.isNumber() ? (atLeast ? measured.asDouble() >= limit : measured.asDouble() <= limit)
                : null);
        targets.add(row);
    }

    private static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder("# Insight Ledger benchmark\n\n");
        JsonNode machine = r.path("machine");
        md.append(String.format("%s, %d cores, %d MiB, %s, %s. Started %s; system: %s.%n%n",
                machine.path("cpu").asText(), machine.path("cores").asInt(), machine.path("memoryMiB").asLong(),
                machine.path("os").asText(), machine.path("java").asText(), r.path("startedAt").asText(),
                r.path("system").path("mode").asText()));
        md.append("## Targets\n\n| what | target | measured | met |\n|---|---|---|---|\n");
        for (JsonNode t : r.path("targets")) {
            md.append(String.format("| %s | %s | %s | %s |%n", t.path("name").asText(), t.path("target").asText(),
                    t.path("measured").asText(), t.path("met").asBoolean() ? "yes" : "**no**"));
        }
        md.append("\n## Ratios to the baselines\n\n| ratio | value |\n|---|---|\n");
        r.path("ratios").fields().forEachRemaining(e ->
                md.append(String.format("| %s | %s |%n", e.getKey(), e.getValue().asText())));
        md.append("\n## Commands\n\n| load | ok/s | errors | p50 ms | p95 ms | p99 ms | max ms | CPU ms per command "
                + "(JVM + PostgreSQL) |\n|---|---|---|---|---|---|---|---|\n");
        JsonNode sustained = r.path("commands").path("sustained");
        row(md, "closed, " + sustained.path("clients").asInt() + " clients", sustained);
        for (JsonNode open : r.path("commands").path("openModel")) {
            row(md, "open, " + open.path("rate").asInt() + "/s", open);
        }
        md.append("\n## Queries (open model, ").append(r.path("queries").path("rate").asInt())
                .append("/s, with background commands)\n\n| endpoint | count | p50 ms | p95 ms | p99 ms | max ms |\n"
                        + "|---|---|---|---|---|---|\n");
        r.path("queries").path("result").path("latencyByType").fields().forEachRemaining(e -> md.append(
                String.format("| %s | %d | %s | %s | %s | %s |%n", e.getKey(), e.getValue().path("count").asLong(),
                        e.getValue().path("p50Ms").asText(), e.getValue().path("p95Ms").asText(),
                        e.getValue().path("p99Ms").asText(), e.getValue().path("maxMs").asText())));
        md.append(String.format("%nQuery errors: %d.%n", r.path("queries").path("result").path("errors").asLong()));
        JsonNode freshness = r.path("freshness");
        md.append(String.format("%n## Freshness%n%nAt %d commands/s: p50 %s ms, p99 %s ms, max %s ms over %d "
                        + "hypothesis commands; %d never became visible.%n", freshness.path("rate").asInt(),
                freshness.path("latency").path("p50Ms").asText(), freshness.path("latency").path("p99Ms").asText(),
                freshness.path("latency").path("maxMs").asText(), freshness.path("latency").path("count").asLong(),
                freshness.path("neverVisible").asLong()));
        JsonNode rebuild = r.path("rebuild");
        md.append(String.format("%n## Rebuild%n%n%d events, %d projections: %s s, %s events/s; CPU per event %s.%n",
                rebuild.path("events").asLong(), rebuild.path("projections").asInt(), rebuild.path("seconds").asText(),
                rebuild.path("eventsPerSecond").asText(), rebuild.path("cpuMsPerEvent")));
        JsonNode history = r.path("history");
        md.append(history.has("reused")
                ? String.format("%n## History%n%nReused, %s: %d events on the topic.%n",
                        history.path("reused").asText(), history.path("events").asLong())
                : String.format("%n## History%n%nDemo scale %s: %d requests in %s s (%s/s), %d failed; %d events "
                                + "on the topic.%n", history.path("demoScale").asText(),
                        history.path("requests").asLong(), history.path("seconds").asText(),
                        history.path("requestsPerSecond").asText(), history.path("failures").asLong(),
                        history.path("events").asLong()));
        md.append("\n## Footprint\n\n```json\n").append(r.path("footprint").toPrettyString()).append("\n```\n");
        md.append("\n## Baselines\n\n```json\n").append(r.path("baselines").toPrettyString()).append("\n```\n");
        md.append("\n## Phases and load averages\n\n| phase | seconds | load before | load after |\n|---|---|---|---|\n");
        r.path("phases").fields().forEachRemaining(e -> md.append(String.format("| %s | %s | %s | %s |%n",
                e.getKey(), e.getValue().path("seconds").asText(), e.getValue().path("loadAverageBefore").asText(),
                e.getValue().path("loadAverageAfter").asText())));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, JsonNode phase) {
        JsonNode latency = phase.path("latency");
        JsonNode cpu = phase.path("cpuMsPerCommand");
        md.append(String.format("| %s | %s | %d | %s | %s | %s | %s | %s |%n", name,
                phase.path("okPerSecond").asText(), phase.path("errors").asLong(), latency.path("p50Ms").asText(),
                latency.path("p95Ms").asText(), latency.path("p99Ms").asText(), latency.path("maxMs").asText(),
                cpu.isObject() ? cpu.path("jvm").asText() + " + " + cpu.path("postgres").asText() : "-"));
    }
}
