package io.insightledger.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone run killed outright under write load, its PostgreSQL with it, as a power cut or an OOM killer
 * would: after a restart on the same data, every write that had answered 2xx is there, and on the query side exactly
 * once. Before kept data ran with synchronous commits, 15 of 700 acknowledged hypotheses were gone after this.
 */
class StandaloneCrashIT {

    private static final int CLIENTS = 8;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheJvmAndPostgresTogether(@TempDir Path home) throws Exception {
        StandaloneJar standalone = new StandaloneJar(home.resolve("data"));
        WriteLoad load;
        try (JavaProcess first = standalone.start(home.resolve("first.log"))) {
            load = WriteLoad.start(standalone.commands(), "crash", CLIENTS);
            try {
                load.awaitMoreAcknowledged(400, Duration.ofSeconds(60));
                // tight after a burst: the commits just acknowledged are the ones a lazy WAL flush would lose
                load.awaitMoreAcknowledged(CLIENTS * 4, Duration.ofSeconds(10));
                killPostgres(standalone.dataDir().resolve("postgres"));
                first.kill();
            } finally {
                load.close();
            }
        }
        System.out.printf("StandaloneCrashIT: killed under load, answers by status %s%n", load.statuses());

        try (JavaProcess second = standalone.start(home.resolve("second.log"))) {
            load.assertEveryAcknowledgedWriteProjectedOnce(standalone.queries(), standalone.eventStore()
                    .eventsPerAggregate(), Duration.ofSeconds(120));
            second.stop();
        }
    }

    /**
     * SIGKILL to the postmaster and every process under it at once (the postmaster was detached by pg_ctl, so killing
     * the JVM leaves it running): nothing of PostgreSQL gets to write another byte.
     */
    private static void killPostgres(Path dataDirectory) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() ->
                new AssertionError("No PostgreSQL runs as pid " + pid + " on " + dataDirectory));
        List<ProcessHandle> processes = new ArrayList<>(List.of(postmaster));
        processes.addAll(postmaster.descendants().toList());
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
