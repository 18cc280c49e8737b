package io.insightledger.command.reconciliation;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Whether the command side stopped cleanly: each run has a row in {@code command_side_run}, marked stopped on a
 * graceful shutdown, after Axon has stopped the publisher. One command side per event store is assumed: a second
 * one running at the same time would look like a run that did not stop, and cost one needless reconciliation.
 */
@Component
class CommandSideRuns implements DisposableBean {

    /** A run of the command side that did not stop cleanly. */
    record UncleanRun(String id, Instant startedAt) {
    }

    private final JdbcClient jdbc;
    private final String id = UUID.randomUUID().toString();
    private volatile boolean begun;

    CommandSideRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that this run has begun.
     *
     * @return the earlier runs that did not stop cleanly and were not reconciled after (none on a first start)
     */
    List<UncleanRun> begin() {
        jdbc.sql("DELETE FROM command_side_run WHERE stopped_at IS NOT NULL").update();
        List<UncleanRun> unclean = jdbc.sql("SELECT run_id, started_at FROM command_side_run ORDER BY started_at")
                .query((row, number) -> new UncleanRun(row.getString(1), row.getTimestamp(2).toInstant()))
                .list();
        jdbc.sql("INSERT INTO command_side_run (run_id) VALUES (?)").param(id).update();
        begun = true;
        return unclean;
    }

    /** The topic was reconciled after these runs: they need nothing more. */
    void reconciled(List<UncleanRun> runs) {
        jdbc.sql("DELETE FROM command_side_run WHERE run_id IN (:ids)")
                .param("ids", runs.stream().map(UncleanRun::id).toList())
                .update();
    }

    /** Spring destroys this after stopping every lifecycle (Axon's processors among them) and before the pool. */
    @Override
    public void destroy() {
        if (begun) {
            jdbc.sql("UPDATE command_side_run SET stopped_at = now() WHERE run_id = ?").param(id).update();
        }
    }
}
