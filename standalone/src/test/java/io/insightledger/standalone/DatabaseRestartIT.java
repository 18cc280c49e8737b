package io.insightledger.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL (the projection database, and here the event store with it) goes away under write load and comes back:
 * meanwhile commands answer 503 promptly instead of hanging, and afterwards the projections resume by themselves with
 * every acknowledged write applied exactly once.
 */
class DatabaseRestartIT {

    @RegisterExtension
    static final RunningSystem running = new RunningSystem();

    // longer than the command side waits for a connection (5 s), so clients do get an answer while it lasts
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @Test
    void projectionsResumeAfterADatabaseRestartWithNothingLostOrDoubled() throws InterruptedException {
        WriteLoad load = WriteLoad.start(running.commands(), "restart", 8);
        try {
            load.awaitMoreAcknowledged(100, Duration.ofSeconds(60));
            running.infrastructure().stopPostgres();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                running.infrastructure().startPostgres();
            }
            load.awaitMoreAcknowledged(100, Duration.ofSeconds(90));
        } finally {
            load.close();
        }
        List<WriteLoad.Answer> answers = load.answers();
        System.out.printf("DatabaseRestartIT: answers by status %s, the slowest in %s%n", load.statuses(),
                answers.stream().map(WriteLoad.Answer::took).max(Duration::compareTo).orElseThrow());

        // a write in flight when the server went, or sent while it was away, is refused as a retryable 503
        assertThat(answers).as("answers").allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 503);
            assertThat(answer.took()).as(answer.toString()).isLessThan(OUTAGE.plusSeconds(2));
        });
        assertThat(load.statuses()).as("503 while PostgreSQL was away").containsKey(503);
        load.assertEveryAcknowledgedWriteProjectedOnce(running.queries(), running.eventStore().eventsPerAggregate(),
                Duration.ofSeconds(120));
    }
}
