package io.insightledger.query.system;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per projection and aggregate, the sequence number of the last event applied. Kafka delivers at least once, and one
 * aggregate's events arrive in order on one partition, so an event at or below the cursor is a redelivery. (A gap
 * above it is normal: a projection sees only the event types it handles.)
 */
@Component
public class ProjectionCursor {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ProjectionCursor(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** A unit's cursors: read (and locked) together, written together when the unit ends. */
    private record BatchCursors(Map<String, Long> known, Map<String, Long> moved) {
    }

    /**
     * Moves the cursor to this event, in the caller's transaction. Inside a processor's {@link BatchWork}, the cursors
     * of all its aggregates are read in one query and all moved cursors are written in one JDBC batch when the work
     * ends: round trips to PostgreSQL were most of a projection's time.
     *
     * @return whether the event is new to the projection (false: it was applied before)
     */
    public boolean advance(String projection, DomainEventMessage<?> event) {
        String aggregate = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        BatchWork work = BatchWork.current();
        if (work == null) {
            Long previous = read(projection, aggregate);
            if (previous != null && sequence <= previous) {
                return false;
            }
            write(projection, Map.of(aggregate, sequence));
            return true;
        }
        BatchCursors cursors = work.held(ProjectionCursor.class.getName() + "." + projection, () -> {
            BatchCursors created = new BatchCursors(readAll(projection, work.events()), new HashMap<>());
            work.atEnd(() -> write(projection, created.moved()));
            return created;
        });
        Long previous = cursors.known().containsKey(aggregate) ? cursors.known().get(aggregate)
                : read(projection, aggregate);
        if (previous != null && sequence <= previous) {
            cursors.known().put(aggregate, previous);
            return false;
        }
        cursors.known().put(aggregate, sequence);
        cursors.moved().put(aggregate, sequence);
        return true;
    }

    /**
     * The cursors of every aggregate in the unit, in one query: a batch of interleaved aggregates would otherwise read
     * them one round trip at a time. An aggregate without a cursor is known to have none (null).
     */
    private Map<String, Long> readAll(String projection, List<? extends EventMessage<?>> events) {
        Map<String, Long> known = new HashMap<>();
        String[] aggregates = events.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                .distinct().toArray(String[]::new);
        for (String aggregate : aggregates) {
            known.put(aggregate, null);
        }
        jdbc.sql("""
                        SELECT aggregate_id, last_sequence FROM projection_cursor
                        WHERE projection = ? AND aggregate_id = ANY(?) FOR UPDATE""")
                .params(projection, aggregates)
                .query(rs -> {
                    known.put(rs.getString(1), rs.getLong(2));
                });
        return known;
    }

    private Long read(String projection, String aggregate) {
        return jdbc.sql("""
                        SELECT last_sequence FROM projection_cursor
                        WHERE projection = ? AND aggregate_id = ? FOR UPDATE""")
                .params(projection, aggregate)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private void write(String projection, Map<String, Long> cursors) {
        if (cursors.isEmpty()) {
            return;
        }
        List<Object[]> rows = cursors.entrySet().stream()
                .map(cursor -> new Object[]{projection, cursor.getKey(), cursor.getValue()})
                .toList();
        batches.batchUpdate("""
                INSERT INTO projection_cursor (projection, aggregate_id, last_sequence) VALUES (?, ?, ?)
                ON CONFLICT (projection, aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""", rows);
    }
}
