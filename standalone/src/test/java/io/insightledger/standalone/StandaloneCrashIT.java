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
    // longer than PostgreSQL's WAL writer sleeps (200 ms): an asynchronous commit is confirmed before it is written
    private static final Duration ANSWERS_OUT = Duration.ofMillis(500);

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheJvmAndPostgresTogether(@TempDir Path home) throws Exception {
        StandaloneJar standalone = StandaloneJar.on(home.resolve("data"));
        WriteLoad load;
        try (JavaProcess first = standalone.start(home.resolve("first.log"))) {
            load = WriteLoad.start(standalone.commands(), "crash", CLIENTS);
            try {
                load.awaitMoreAcknowledged(200, Duration.ofSeconds(60));
                ProcessHandle postmaster = postmaster(standalone.dataDir().resolve("postgres"));
                load.awaitMoreAcknowledged(CLIENTS * 4, Duration.ofSeconds(10));
                killWithChildren(postmaster);
                // the answers to commits PostgreSQL confirmed before it died still reach their clients; then the JVM goes
                Thread.sleep(ANSWERS_OUT.toMillis());
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

    /** The postmaster of the cluster in {@code dataDirectory}: the first line of its pid file. */
    private static ProcessHandle postmaster(Path dataDirectory) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() ->
                new AssertionError("No PostgreSQL runs as pid " + pid + " on " + dataDirectory));
    }

    /**
     * SIGKILL to every process of the cluster in one go, the WAL writer included. pg_ctl detached the postmaster, so
     * killing the JVM would leave it running, and each child is a process group of its own: no group to kill.
     */
    private static void killWithChildren(ProcessHandle postmaster) {
        List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
        processes.add(postmaster);
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
