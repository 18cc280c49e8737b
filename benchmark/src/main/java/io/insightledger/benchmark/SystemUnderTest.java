package io.insightledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * The system being measured: the standalone jar started as a user starts it (a child process with a fresh data
 * directory and free ports, its addresses read from the banner it prints), or services already running at URLs.
 */
final class SystemUnderTest implements AutoCloseable {

    private static final String RUNNING = "Insight Ledger is running.";

    final String commandUrl;
    final String queryUrl;
    final String jdbcUrl;
    final String kafka;
    private final Process process;
    private final Path dataDir;

    private SystemUnderTest(String commandUrl, String queryUrl, String jdbcUrl, String kafka, Process process,
                            Path dataDir) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.jdbcUrl = jdbcUrl;
        this.kafka = kafka;
        this.process = process;
        this.dataDir = dataDir;
    }

    static SystemUnderTest running(Options options) {
        if (options.queryUrl() == null) {
            throw new IllegalArgumentException("--command-url needs --query-url too");
        }
        return new SystemUnderTest(options.commandUrl(), options.queryUrl(), options.jdbcUrl(), options.kafka(), null,
                null);
    }

    static SystemUnderTest start(Options options, Path workDir, Duration timeout) {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException(options.jar().toAbsolutePath() + " is missing: build it first with "
                    + "./mvnw -B -q -DskipTests package");
        }
        Path dataDir = workDir.resolve("data");
        Path log = workDir.resolve("system.log");
        deleteRecursively(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", options.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("INSIGHT_DATA_DIR", dataDir.toString());
        builder.environment().put("INSIGHT_DEMO_PASSWORD", options.password());
        for (String port : List.of("COMMAND", "QUERY", "WEB", "POSTGRES", "KAFKA")) {
            builder.environment().put("INSIGHT_" + port + "_PORT", Integer.toString(freePort()));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String banner = awaitBanner(process, log, timeout);
        return new SystemUnderTest(find(banner, "Command API\\s+(\\S+)/api"), find(banner, "Query API\\s+(\\S+)/api"),
                find(banner, "Event store\\s+(\\S+)"), find(banner, "Kafka\\s+(\\S+)"), process, dataDir);
    }

    /** Whether the processes are known: the started JVM and its PostgreSQL (not for services given by URL). */
    boolean isLocal() {
        return process != null;
    }

    /** The started JVM: both services and the Kafka broker. */
    List<ProcessHandle> jvm() {
        return List.of(process.toHandle());
    }

    /** The processes of its PostgreSQL. */
    List<ProcessHandle> postgres() {
        return Machine.postgresServing(dataDir.resolve("postgres"));
    }

    private static String awaitBanner(Process process, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String output = readQuietly(log);
            int at = output.indexOf(RUNNING);
            if (at >= 0 && output.indexOf("Data ", at) > 0) {
                return output.substring(at);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The system ended (exit " + process.exitValue()
                        + ") before it was running; its output is in " + log);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The system did not start within " + timeout + "; output in " + log);
            }
            Load.sleep(Duration.ofMillis(250));
        }
    }

    private static String find(String banner, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(banner);
        if (!matcher.find()) {
            throw new IllegalStateException("The banner has no " + pattern + ":\n" + banner);
        }
        return matcher.group(1);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the started system as Ctrl+C would, so its PostgreSQL shuts down cleanly. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
