package io.insightledger.standalone;

import io.insightledger.infrastructure.Infrastructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code java -jar insight-ledger-standalone.jar seal-history}: the offline upgrade of a data directory whose events
 * were written before personal data was sealed (docs/privacy.md, "Existing data").
 */
@Command(name = "seal-history",
        description = {"Offline, with the system stopped: copies the event store into a new one whose events written "
                + "before personal data was sealed carry it sealed (each person gets an id; ids, sequence numbers, "
                + "timestamps and metadata stay), keeps the old store beside it, and empties the topic and the "
                + "projections, which the next start rebuilds from the new store. Running it again seals nothing "
                + "more."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "1:the sealing failed (nothing was swapped)", "2:wrong options"})
final class SealHistoryCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:INSIGHT_DATA_DIR:-${sys:user.home}/.insight-ledger}",
            description = "the standalone run's data directory (default: ${DEFAULT-VALUE}, from INSIGHT_DATA_DIR)")
    Path dataDir;

    @Option(names = "--postgres-port", defaultValue = "${env:INSIGHT_POSTGRES_PORT:-15432}",
            description = "the port the embedded PostgreSQL takes meanwhile (default: ${DEFAULT-VALUE})")
    int postgresPort;

    @Option(names = "--kafka-port", defaultValue = "${env:INSIGHT_KAFKA_PORT:-19092}",
            description = "the port the embedded Kafka takes meanwhile (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String masterKey = StandaloneLauncher.masterKey(System.getenv(), dataDir);
        try (Infrastructure infrastructure = Infrastructure.embedded(
                new Infrastructure.Options(dataDir, postgresPort, kafkaPort))) {
            HistorySealing.Report report = new HistorySealing(infrastructure, masterKey, out).run();
            out.printf("Sealed %d of %d events; %d people now have ids. The store as it was is kept as database %s:"
                            + " it holds their data in clear, so drop it once you have checked the new one.%n",
                    report.sealed(), report.events(), report.people(), report.keptAs());
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("Sealing failed, nothing was swapped: " + e.getMessage());
            return 1;
        }
    }
}
