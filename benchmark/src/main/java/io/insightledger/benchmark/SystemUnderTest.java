package io.insightledger.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The system being measured, started as a user starts it, or services already running at URLs.
 * <ul>
 *   <li>{@code separate} (the default): PostgreSQL and Kafka from the standalone jar
 *   ({@code INSIGHT_INFRASTRUCTURE_ONLY}), and the command side and the query side from their own jars, each in a JVM
 *   of its own, as Docker Compose runs them, so that each one's memory and CPU can be told apart;</li>
 *   <li>{@code one}: the standalone jar as it is, everything in one JVM.</li>
 * </ul>
 * The data directory is fresh unless the history is reused; ports are free ones, and addresses come from the banner.
 */
final class SystemUnderTest implements AutoCloseable {

    private static final String RUNNING = "Insight Ledger is running.";
    private static final String INFRASTRUCTURE_RUNNING = "Insight Ledger's PostgreSQL and Kafka are running";
    private static final String ADDRESS = "127.0.0.1";
    private static final String INFRASTRUCTURE = "infrastructure (the Kafka broker; PostgreSQL is apart)";

    final String commandUrl;
    final String queryUrl;
    final String jdbcUrl;
    final String kafka;
    /** The started JVMs by what they hold; empty for services given by URL. */
    private final Map<String, Process> processes;
    private final Path dataDir;

    private SystemUnderTest(String commandUrl, String queryUrl, String jdbcUrl, String kafka,
                            Map<String, Process> processes, Path dataDir) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.jdbcUrl = jdbcUrl;
        this.kafka = kafka;
        this.processes = processes;
        this.dataDir = dataDir;
    }

    static SystemUnderTest running(Options options) {
        if (options.queryUrl() == null) {
            throw new IllegalArgumentException("--command-url needs --query-url too");
        }
        return new SystemUnderTest(options.commandUrl(), options.queryUrl(), options.jdbcUrl(), options.kafka(),
                Map.of(), null);
    }

    static SystemUnderTest start(Options options, Path workDir, Duration timeout) {
        requireFile(options.jar());
        Path dataDir = workDir.resolve("data");
        if (!options.reuseHistory()) {
            deleteRecursively(dataDir);
        }
        return options.separateProcesses()
                ? startSeparately(options, workDir, dataDir, timeout)
                : startTogether(options, workDir, dataDir, timeout);
    }

    private static SystemUnderTest startTogether(Options options, Path workDir, Path dataDir, Duration timeout) {
        ProcessBuilder builder = java(options.jvmOptions(), options.jar(), workDir.resolve("system.log"));
        standaloneEnvironment(builder, options, dataDir);
        for (String port : List.of("COMMAND", "QUERY", "WEB")) {
            builder.environment().put("INSIGHT_" + port + "_PORT", Integer.toString(freePort()));
        }
        Process process = launch(builder);
        String banner = awaitBanner(process, RUNNING, workDir.resolve("system.log"), timeout);
        return new SystemUnderTest(find(banner, "Command API\\s+(\\S+)/api"), find(banner, "Query API\\s+(\\S+)/api"),
                find(banner, "Event store\\s+(\\S+)"), find(banner, "Kafka\\s+(\\S+)"),
                Map.of("system (both services and the Kafka broker)", process), dataDir);
    }

    private static SystemUnderTest startSeparately(Options options, Path workDir, Path dataDir, Duration timeout) {
        requireFile(options.commandJar());
        requireFile(options.queryJar());
        Map<String, Process> started = new LinkedHashMap<>();
        try {
            ProcessBuilder infrastructure = java(options.jvmOptions(), options.jar(),
                    workDir.resolve("infrastructure.log"));
            standaloneEnvironment(infrastructure, options, dataDir);
            infrastructure.environment().put("INSIGHT_INFRASTRUCTURE_ONLY", "true");
            Process infrastructureProcess = launch(infrastructure);
            started.put(INFRASTRUCTURE, infrastructureProcess);
            String banner = awaitBanner(infrastructureProcess, INFRASTRUCTURE_RUNNING,
                    workDir.resolve("infrastructure.log"), timeout);
            String kafka = find(banner, "Kafka\\s+(\\S+)");
            String eventStore = find(banner, "Event store\\s+(\\S+)");
            String projections = find(banner, "Projections\\s+(\\S+)");
            String identity = find(banner, "Identity\\s+(\\S+)");
            String keys = find(banner, "Key store\\s+(\\S+)");
            Matcher login = Pattern.compile("database login (\\S+) / (\\S+)\\)").matcher(banner);
            if (!login.find()) {
                throw new IllegalStateException("The banner names no database login:\n" + banner);
            }
            int commandPort = freePort();
            int queryPort = freePort();
            String commandUrl = "http://" + ADDRESS + ":" + commandPort;
            String queryUrl = "http://" + ADDRESS + ":" + queryPort;

            Database database = new Database(login.group(1), login.group(2));
            ProcessBuilder command = service(options, options.commandJar(), workDir.resolve("command-side.log"),
                    "COMMAND", commandPort, "EVENTSTORE_DB", eventStore, database, kafka, identity, keys);
            command.environment().put("INSIGHT_QUERY_SIDE_URL", queryUrl);
            // the demo history says when each of its requests happened
            command.environment().put("INSIGHT_IMPORT_ENABLED", "true");
            ProcessBuilder query = service(options, options.queryJar(), workDir.resolve("query-side.log"),
                    "QUERY", queryPort, "PROJECTION_DB", projections, database, kafka, identity, keys);

            started.put("command side", launch(command));
            started.put("query side", launch(query));
            awaitHealthy(started.get("command side"), commandUrl, workDir.resolve("command-side.log"), timeout);
            awaitHealthy(started.get("query side"), queryUrl, workDir.resolve("query-side.log"), timeout);
            return new SystemUnderTest(commandUrl, queryUrl, eventStore, kafka, started, dataDir);
        } catch (RuntimeException | Error e) {
            stop(started);
            throw e;
        }
    }

    /** Whether the processes are known: the started JVMs and their PostgreSQL (not for services given by URL). */
    boolean isLocal() {
        return !processes.isEmpty();
    }

    /** The started JVMs by what they hold. */
    Map<String, ProcessHandle> jvms() {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        processes.forEach((name, process) -> handles.put(name, process.toHandle()));
        return handles;
    }

    /** The processes of its PostgreSQL. */
    List<ProcessHandle> postgres() {
        return Machine.postgresServing(dataDir.resolve("postgres"));
    }

    private static ProcessBuilder java(List<String> jvmOptions, Path jar, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    private static void standaloneEnvironment(ProcessBuilder builder, Options options, Path dataDir) {
        builder.environment().put("INSIGHT_DATA_DIR", dataDir.toString());
        builder.environment().put("INSIGHT_DEMO_PASSWORD", options.password());
        builder.environment().put("INSIGHT_DEMO_TOKEN", options.token());
        for (String port : List.of("POSTGRES", "KAFKA")) {
            builder.environment().put("INSIGHT_" + port + "_PORT", Integer.toString(freePort()));
        }
    }

    /** The master key of the key store's keys: made for the run, and given to both services. */
    private static final String MASTER_KEY = masterKey();

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private record Database(String user, String password) {
    }

    /** A service's JVM, configured as Docker Compose configures it: its port, its database, the broker, the user. */
    private static ProcessBuilder service(Options options, Path jar, Path log, String name, int port, String db,
                                          String jdbcUrl, Database database, String kafka, String identity,
                                          String keys) {
        ProcessBuilder builder = java(options.serviceJvmOptions(), jar, log);
        Map<String, String> env = builder.environment();
        env.put("INSIGHT_" + name + "_ADDRESS", ADDRESS);
        env.put("INSIGHT_" + name + "_PORT", Integer.toString(port));
        env.put("INSIGHT_" + db + "_URL", jdbcUrl);
        env.put("INSIGHT_" + db + "_USER", database.user());
        env.put("INSIGHT_" + db + "_PASSWORD", database.password());
        env.put("INSIGHT_KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("INSIGHT_IDENTITY_DB_URL", identity);
        env.put("INSIGHT_IDENTITY_DB_USER", database.user());
        env.put("INSIGHT_IDENTITY_DB_PASSWORD", database.password());
        env.put("INSIGHT_KEYS_DB_URL", keys);
        env.put("INSIGHT_KEYS_DB_USER", database.user());
        env.put("INSIGHT_KEYS_DB_PASSWORD", database.password());
        env.put("INSIGHT_MASTER_KEY", MASTER_KEY);
        // the first ADMIN and its token, as a first start of a deployment creates them (the query side ignores these)
        env.put("INSIGHT_ADMIN_PASSWORD", options.password());
        env.put("INSIGHT_ADMIN_TOKEN", options.token());
        return builder;
    }

    private static Process launch(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String awaitBanner(Process process, String running, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String output = readQuietly(log);
            int at = output.indexOf(running);
            if (at >= 0 && output.indexOf("Data ", at) > 0) {
                return output.substring(at);
            }
            awaitAlive(process, log, deadline);
        }
    }

    /** Until the service's health endpoint answers 200 (UP). */
    private static void awaitHealthy(Process process, String url, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            awaitAlive(process, log, deadline);
        }
    }

    private static void awaitAlive(Process process, Path log, long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("A process ended (exit " + process.exitValue()
                    + ") before it was running; its output is in " + log);
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("A process did not start in time; its output is in " + log);
        }
        Load.sleep(Duration.ofMillis(250));
    }

    /** The value after a label at the start of one of the banner's lines. */
    private static String find(String banner, String pattern) {
        Matcher matcher = Pattern.compile("(?m)^\\s*" + pattern).matcher(banner);
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

    private static void requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build it first with "
                    + "./mvnw -B -q -DskipTests package");
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

    /** Stops the started processes as Ctrl+C would, so that PostgreSQL shuts down cleanly. */
    @Override
    public void close() {
        stop(processes);
    }

    /** The services first, then what they write to. */
    private static void stop(Map<String, Process> processes) {
        List<Process> inOrder = new ArrayList<>(processes.values());
        if (processes.containsKey(INFRASTRUCTURE)) {
            inOrder.remove(processes.get(INFRASTRUCTURE));
            inOrder.add(processes.get(INFRASTRUCTURE));
        }
        for (Process process : inOrder) {
            if (!process.isAlive()) {
                continue;
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
}
