package io.insightledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark with tiny numbers against the packaged standalone jar, so that it keeps working. */
class BenchmarkSmokeIT {

    /** The services in JVMs of their own, from their modules' runnable jars. */
    @Test
    void measuresEveryPhaseAndWritesTheReport(@TempDir Path out) throws Exception {
        Path jar = Path.of("..", "standalone", "target", "insight-ledger-standalone.jar");
        assertThat(jar).as("packaged by the standalone module").exists();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Options options = Options.parse("--jar=" + jar, "--jvm=-Xmx512m", "--command-jar=" + execJar("command-side"),
                "--query-jar=" + execJar("query-side"), "--events=300", "--history-clients=4",
                "--duration=2", "--rates=20", "--clients=2", "--freshness-rate=10", "--query-rate=10",
                "--query-background-commands=2", "--baseline-duration=1", "--out=" + out);

        Path json = new Benchmark(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("== history", "[commands 20/s]", "[rebuilding]");
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Targets", "## Ratios to the baselines");
        JsonNode report = Api.JSON.readTree(json.toFile());
        assertThat(report.path("history").path("failures").asLong()).isZero();
        assertThat(report.path("history").path("events").asLong()).isGreaterThan(250);
        assertThat(report.path("commands").path("sustained").path("ok").asLong()).isPositive();
        assertThat(report.path("commands").path("openModel").get(0).path("latency").path("p99Ms").asDouble())
                .isPositive();
        assertThat(report.path("freshness").path("latency").path("count").asLong()).isPositive();
        assertThat(report.path("rebuild").path("eventsPerSecond").asDouble()).isPositive();
        assertThat(report.path("queries").path("result").path("latencyByType").fieldNames())
                .toIterable().containsExactlyInAnyOrder("board", "hypothesis", "timeline", "timeTravel", "dashboard");
        JsonNode resident = report.path("footprint").path("afterRun").path("jvmResident");
        assertThat(resident.path("command side").path("peakRssMiB").asLong()).isPositive();
        assertThat(resident.path("query side").path("peakRssMiB").asLong()).isPositive();
        assertThat(report.path("baselines").path("postgres").path("singleInserts").path("perSecond").asDouble())
                .isPositive();
        assertThat(report.path("baselines").path("kafka").path("consume").path("perSecond").asDouble())
                .isPositive();
        assertThat(report.path("ratios").size()).isGreaterThanOrEqualTo(8);
        assertThat(report.path("targets")).hasSize(7);
        assertThat(report.path("targets").get(6).path("name").asText()).contains("query side");
    }

    private static Path execJar(String module) throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("..", module, "target"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(module + "'s runnable jar is not packaged"));
        }
    }
}
