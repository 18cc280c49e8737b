package io.insightledger.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What to run. Every option has a default that measures the targets on a fresh clone; the smoke test passes
 * tiny numbers.
 *
 * @param jar           the standalone jar to start, when no URLs are given
 * @param jvmOptions    options for the started JVM (heap, JFR)
 * @param commandUrl    a running command side instead of starting one (then queryUrl too)
 * @param jdbcUrl       the event store's database, for the PostgreSQL baseline and sizes (login postgres/postgres)
 * @param kafka         the broker, for the Kafka baseline and topic size
 * @param events        size of the history recorded by the demo generator before the measurements
 * @param historyClients requests the demo generator keeps in flight
 * @param duration      how long each load phase runs
 * @param clients       concurrent clients of the sustained-throughput phase and of the single-insert baseline
 * @param rates         command arrival rates (per second) of the open-model phases
 */
record Options(Path jar, List<String> jvmOptions, String commandUrl, String queryUrl, String jdbcUrl, String kafka,
               String user, String password, long events, int historyClients, Duration duration, int clients,
               List<Integer> rates, int freshnessRate, int queryRate, int queryBackgroundCommands,
               Duration baselineDuration, long seed, Path out) {

    static Options parse(String... args) {
        return new Options(
                Path.of(option(args, "jar", "standalone/target/insight-ledger-standalone.jar")),
                List.of(option(args, "jvm", "-Xmx1g -XX:+UseG1GC").split("\\s+")),
                option(args, "command-url", null), option(args, "query-url", null),
                option(args, "jdbc-url", null), option(args, "kafka", null),
                option(args, "user", "demo"), option(args, "password", "demo"),
                Long.parseLong(option(args, "events", "1000000")),
                Integer.parseInt(option(args, "history-clients", "16")),
                Duration.ofSeconds(Long.parseLong(option(args, "duration", "30"))),
                Integer.parseInt(option(args, "clients", "16")),
                Arrays.stream(option(args, "rates", "250,500,1000").split(",")).map(String::trim)
                        .map(Integer::parseInt).toList(),
                Integer.parseInt(option(args, "freshness-rate", "200")),
                Integer.parseInt(option(args, "query-rate", "100")),
                Integer.parseInt(option(args, "query-background-commands", "50")),
                Duration.ofSeconds(Long.parseLong(option(args, "baseline-duration", "10"))),
                Long.parseLong(option(args, "seed", "42")),
                Path.of(option(args, "out", "target/benchmark")));
    }

    boolean startsSystem() {
        return commandUrl == null;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
