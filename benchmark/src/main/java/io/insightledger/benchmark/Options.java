package io.insightledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What to run. Every option has a default that measures the targets on a fresh clone; the smoke test passes
 * tiny numbers.
 *
 * @param jar           the standalone jar to start, when no URLs are given: the whole system, or PostgreSQL and Kafka
 * @param jvmOptions    options for the standalone jar's JVM (heap, JFR)
 * @param separateProcesses whether the command side and the query side run in JVMs of their own (the default) or
 *                      inside the standalone jar's
 * @param serviceJvmOptions options for the command side's and the query side's JVMs, when separate
 * @param reuseHistory  keep the data directory of an earlier run and its history, instead of recording a new one
 * @param commandUrl    a running command side instead of starting one (then queryUrl too)
 * @param jdbcUrl       the event store's database, for the PostgreSQL baseline and sizes (login postgres/postgres)
 * @param kafka         the broker, for the Kafka baseline and topic size
 * @param events        size of the history recorded by the demo generator before the measurements
 * @param historyClients requests the demo generator keeps in flight
 * @param duration      how long each load phase runs
 * @param clients       concurrent clients of the sustained-throughput phase and of the single-insert baseline
 * @param rates         command arrival rates (per second) of the open-model phases
 */
record Options(Path jar, List<String> jvmOptions, boolean separateProcesses, Path commandJar, Path queryJar,
               List<String> serviceJvmOptions, boolean reuseHistory, String commandUrl, String queryUrl,
               String jdbcUrl, String kafka, String password, String token, long events, int historyClients, Duration duration, int clients,
               List<Integer> rates, int freshnessRate, int queryRate, int queryBackgroundCommands,
               Duration baselineDuration, long seed, Path out) {

    static Options parse(String... args) {
        return new Options(
                Path.of(option(args, "jar", "standalone/target/insight-ledger-standalone.jar")),
                List.of(option(args, "jvm", "-Xmx1g -XX:+UseG1GC").split("\\s+")),
                switch (option(args, "processes", "separate")) {
                    case "separate" -> true;
                    case "one" -> false;
                    default -> throw new IllegalArgumentException("--processes is separate or one");
                },
                Path.of(option(args, "command-jar", execJar("command-side"))),
                Path.of(option(args, "query-jar", execJar("query-side"))),
                List.of(option(args, "service-jvm", "-Xmx256m -XX:+UseG1GC").split("\\s+")),
                List.of(args).contains("--reuse-history"),
                option(args, "command-url", null), option(args, "query-url", null),
                option(args, "jdbc-url", null), option(args, "kafka", null),
                option(args, "password", "benchmark password"), option(args, "token", "il_benchmark-admin-token"),
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

    /** The module's runnable jar, whatever its version. */
    private static String execJar(String module) {
        Path target = Path.of(module, "target");
        try (Stream<Path> jars = Files.list(target)) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElse(target.resolve(module + "-exec.jar")).toString();
        } catch (IOException e) {
            return target.resolve(module + "-exec.jar").toString();
        }
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
