package io.insightledger.query.system;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A projection's writes, held back until its {@link BatchWork} ends and then sent as one JDBC batch per statement
 * (one round trip each, and one multi-row insert with the driver's rewriting). Statements of different kinds may run
 * in another order than they were asked for, so only writes that commute belong here: inserts of rows written once
 * ({@link #later}), then updates whose order does not matter, such as {@code version = GREATEST(version, ?)}
 * ({@link #lastly}). Any other write goes through {@link #now}, which sends what is held back first; a read of those
 * rows calls {@link #flush()} first.
 */
@Component
public class BatchedWrites {

    private final JdbcTemplate jdbc;

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An insert, run when the batch prepares to commit (or now, outside a batch). */
    public void later(String sql, Object... params) {
        hold(sql, params, false);
    }

    /** An update that commutes with the others, run after the batch's inserts (or now, outside a batch). */
    public void lastly(String sql, Object... params) {
        hold(sql, params, true);
    }

    /** A write that must follow everything asked for before it (an update of a held-back row): runs now. */
    public void now(String sql, Object... params) {
        flush();
        jdbc.update(sql, params);
    }

    /** Sends what is held back now, in the caller's transaction. */
    public void flush() {
        BatchWork work = BatchWork.current();
        if (work != null) {
            pending(work).send();
        }
    }

    private void hold(String sql, Object[] params, boolean last) {
        BatchWork work = BatchWork.current();
        if (work == null) {
            jdbc.update(sql, params);
            return;
        }
        Pending pending = pending(work);
        (last ? pending.updates : pending.inserts).computeIfAbsent(sql, statement -> new ArrayList<>()).add(params);
    }

    private Pending pending(BatchWork work) {
        return work.held(Pending.class.getName(), () -> {
            Pending created = new Pending();
            work.atEnd(created::send);
            return created;
        });
    }

    private final class Pending {

        final Map<String, List<Object[]>> inserts = new LinkedHashMap<>();
        final Map<String, List<Object[]>> updates = new LinkedHashMap<>();

        void send() {
            inserts.forEach(jdbc::batchUpdate);
            inserts.clear();
            updates.forEach(jdbc::batchUpdate);
            updates.clear();
        }
    }
}
