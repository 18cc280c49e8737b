package io.insightledger.standalone;

import io.insightledger.demo.DemoData;
import io.insightledger.demo.DemoDataGenerator;
import io.insightledger.demo.DemoPlan;
import io.insightledger.infrastructure.Infrastructure;
import io.insightledger.platform.identity.ApiTokens;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code java -jar standalone/target/insight-ledger-standalone.jar}: a real PostgreSQL, a real Kafka broker and the
 * three applications in one JVM, with everything kept in one data directory, so a restart carries on where it stopped.
 * With a command ({@code reconcile}), it acts on a system that runs already instead.
 */
@Command(name = "java -jar insight-ledger-standalone.jar", subcommands = {ReconcileCommand.class, SealHistoryCommand.class},
        description = {"Without a command: runs the whole system (PostgreSQL, Kafka, the command and query APIs and "
                + "the web application), configured by the INSIGHT_* environment variables."})
public final class StandaloneLauncher implements Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private StandaloneLauncher() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new StandaloneLauncher());
        int exitCode = commandLine.execute(args);
        // the running system lives on in its own threads; a command, or a start that failed, ends here
        if (exitCode != 0 || commandLine.getParseResult().hasSubcommand()) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        quietenInfrastructureLogs();
        Map<String, String> env = System.getenv();
        Path dataDir = Path.of(env.getOrDefault("INSIGHT_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".insight-ledger").toString()));
        String password = env.getOrDefault("INSIGHT_DEMO_PASSWORD", "demo");
        int postgresPort = Integer.parseInt(env.getOrDefault("INSIGHT_POSTGRES_PORT", "15432"));
        int kafkaPort = Integer.parseInt(env.getOrDefault("INSIGHT_KAFKA_PORT", "19092"));
        LedgerSystem.Settings settings = new LedgerSystem.Settings(
                env.getOrDefault("INSIGHT_ADDRESS", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("INSIGHT_COMMAND_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("INSIGHT_QUERY_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("INSIGHT_WEB_PORT", "8082")),
                "demo", password, demoToken(env, dataDir)).withMasterKey(masterKey(env, dataDir));

        Infrastructure infrastructure = Infrastructure.embedded(new Infrastructure.Options(dataDir, postgresPort, kafkaPort));
        if (Boolean.parseBoolean(env.getOrDefault("INSIGHT_INFRASTRUCTURE_ONLY", "false"))) {
            runInfrastructureOnly(infrastructure, dataDir);
            return;
        }
        LedgerSystem system;
        try {
            system = LedgerSystem.start(infrastructure, settings);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            infrastructure.close();
        }, "insight-ledger-shutdown"));

        System.out.printf("""

                Insight Ledger is running.
                  Web app       %s  (the board, hypotheses, decisions, meetings, dashboard)
                  Command API   %s/api  (POST meetings, hypotheses, evidence, decisions)
                  Query API     %s/api  (GET hypotheses, timelines, meetings)
                  Health        %s/actuator/health  and  %s/actuator/health
                %s  Sign in       demo / %s  (ADMIN, in the web app)
                  API token     %s
                                (ADMIN; for scripts: curl -H 'Authorization: Bearer <token>' ...)
                Stop with Ctrl+C; start again to carry on with the same data.
                %n""",
                system.webUrl(), system.commandUrl(), system.queryUrl(), system.commandUrl(), system.queryUrl(),
                stores(infrastructure, dataDir),
                env.containsKey("INSIGHT_DEMO_PASSWORD") ? "(the password in INSIGHT_DEMO_PASSWORD)" : "demo",
                settings.demoToken());

        if (Boolean.parseBoolean(env.getOrDefault("INSIGHT_DEMO_DATA", "false"))) {
            fillWithDemoData(system, settings.demoToken(), env);
        }
    }

    /**
     * The demo user's API token: {@code INSIGHT_DEMO_TOKEN}, or one made on the first start and kept in the data
     * directory (readable by its owner only), so the walk-through's curl commands keep working across restarts.
     */
    static String demoToken(Map<String, String> env, Path dataDir) {
        String configured = env.get("INSIGHT_DEMO_TOKEN");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return kept(dataDir.resolve("demo-token"), () -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return ApiTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        });
    }

    /** A secret kept in a file readable by its owner only: read if it is there, else made and written. */
    private static String kept(Path file, Supplier<String> made) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String secret = made.get();
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep a secret in " + file, e);
        }
    }

    /**
     * The master key that wraps the key store's keys: {@code INSIGHT_MASTER_KEY}, or one made on the first start and
     * kept in the data directory (readable by its owner only). Kept there, it is backed up with the data it protects:
     * a deployment takes it from a secret store instead (docs/privacy.md).
     */
    static String masterKey(Map<String, String> env, Path dataDir) {
        String configured = env.get("INSIGHT_MASTER_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return kept(dataDir.resolve("master-key"), MasterKeys::random);
    }

    /**
     * PostgreSQL and Kafka alone, for the services run as processes of their own against them (the benchmark does, to
     * measure each one's memory).
     */
    private static void runInfrastructureOnly(Infrastructure infrastructure, Path dataDir) {
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "insight-ledger-shutdown"));
        System.out.printf("""

                Insight Ledger's PostgreSQL and Kafka are running (INSIGHT_INFRASTRUCTURE_ONLY).
                %sStop with Ctrl+C; start again to carry on with the same data.
                %n""", stores(infrastructure, dataDir));
        // no application keeps the JVM alive here, and the broker's threads do not always: wait for Ctrl+C
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stores(Infrastructure infrastructure, Path dataDir) {
        return """
                  Kafka         %s  (topic insight-ledger.events)
                  Event store   %s
                  Projections   %s  (database login %s / %s)
                  Identity      %s  (users, roles, tokens)
                  Key store     %s  (keys of personal data; master key in %s)
                  Data          %s
                """.formatted(infrastructure.kafkaBootstrapServers(),
                infrastructure.jdbcUrl(LedgerSystem.EVENT_STORE_DATABASE),
                infrastructure.jdbcUrl(LedgerSystem.PROJECTION_DATABASE), infrastructure.username(),
                infrastructure.password(), infrastructure.jdbcUrl(LedgerSystem.IDENTITY_DATABASE),
                infrastructure.jdbcUrl(LedgerSystem.KEYS_DATABASE),
                System.getenv().containsKey("INSIGHT_MASTER_KEY") ? "INSIGHT_MASTER_KEY"
                        : dataDir.resolve("master-key").toAbsolutePath(),
                dataDir.toAbsolutePath());
    }

    /** The same seed always gives the same history; on a restart the requests change nothing (idempotent creates). */
    private static void fillWithDemoData(LedgerSystem system, String token, Map<String, String> env) {
        DemoPlan plan = DemoPlan.of(Long.parseLong(env.getOrDefault("INSIGHT_DEMO_SEED", "42")),
                Double.parseDouble(env.getOrDefault("INSIGHT_DEMO_SCALE", "1")), DemoData.today());
        System.out.printf("Recording demo data: %d requests%n", plan.size());
        DemoDataGenerator.Summary summary = new DemoDataGenerator(system.commandUrl(), token, 8, System.out)
                .run(plan);
        System.out.printf("Demo data recorded: %d requests in %d s, %d failed %s%n", summary.requests(),
                summary.took().toSeconds(), summary.failures(), summary.failuresByStatus());
    }

    /**
     * The broker and PostgreSQL start before Spring Boot configures logging, when Logback would print everything at
     * DEBUG; Spring Boot's configuration takes over once the first application starts.
     */
    private static void quietenInfrastructureLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            for (String talkative : new String[]{"kafka", "org.apache.kafka", "state.change.logger", "io.zonky"}) {
                logback.getLogger(talkative).setLevel(Level.WARN);
            }
        }
    }
}
