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
 * Per projection and aggregate, the sequence number of the last event applied. An aggregate's events are numbered
 * from 0 without gaps, every projection sees all of them (see {@link Projection}), and they arrive in order on one
 * partition: so an event at or below the cursor is a redelivery, and one more than a step above it means its
 * predecessors have not arrived (lost on the way to the topic, say, and republished later by a reconciliation).
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

    /** Where an event stands against its aggregate's cursor. */
    public enum Place {
        /** The next one: applied now, the cursor moves to it. */
        NEXT,
        /** Applied before (a redelivery or a duplicate): changes nothing. */
        SEEN,
        /** Events before it have not arrived: it must wait for them. */
        AHEAD
    }

    /** @param expected the sequence number the aggregate's next event must have */
    public record Step(Place place, long expected) {

        /** Why an event AHEAD waits, for a dead letter's cause. */
        public String whyWaiting(long sequence) {
            return "events " + expected + " to " + (sequence - 1) + " of this aggregate have not arrived on the topic"
                    + " before event " + sequence + "; it waits for them (a reconciliation republishes what the"
                    + " topic lost)";
        }
    }

    /**
     * Moves the cursor to this event if it is the next one, in the caller's transaction. Inside a processor's
     * {@link BatchWork}, the cursors of all its aggregates are read in one query and all moved cursors are written in
     * one JDBC batch when the work ends: round trips to PostgreSQL were most of a projection's time.
     */
    public Step advance(String projection, DomainEventMessage<?> event) {
        String aggregate = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        BatchWork work = BatchWork.current();
        if (work == null) {
            Step step = step(read(projection, aggregate), sequence);
            if (step.place() == Place.NEXT) {
                write(projection, Map.of(aggregate, sequence));
            }
            return step;
        }
        BatchCursors cursors = work.held(ProjectionCursor.class.getName() + "." + projection, () -> {
            BatchCursors created = new BatchCursors(readAll(projection, work.events()), new HashMap<>());
            work.atEnd(() -> write(projection, created.moved()));
            return created;
        });
        Long previous = cursors.known().containsKey(aggregate) ? cursors.known().get(aggregate)
                : read(projection, aggregate);
        cursors.known().put(aggregate, previous);
        Step step = step(previous, sequence);
        if (step.place() == Place.NEXT) {
            cursors.known().put(aggregate, sequence);
            cursors.moved().put(aggregate, sequence);
        }
        return step;
    }

    private static Step step(Long previous, long sequence) {
        long expected = previous == null ? 0 : previous + 1;
        Place place = sequence == expected ? Place.NEXT : sequence < expected ? Place.SEEN : Place.AHEAD;
        return new Step(place, expected);
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
