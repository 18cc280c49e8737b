package io.insightledger.query.system;

import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per projection and aggregate, the sequence number of the last event applied. Kafka delivers at least once, and one
 * aggregate's events arrive in order on one partition, so an event at or below the cursor is a redelivery.
 */
@Component
public class ProjectionCursor {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCursor.class);

    private final JdbcClient jdbc;

    ProjectionCursor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves the cursor to this event, in the caller's transaction.
     *
     * @return whether the event is new to the projection (false: it was applied before)
     */
    public boolean advance(String projection, DomainEventMessage<?> event) {
        Long previous = jdbc.sql("""
                        SELECT last_sequence FROM projection_cursor
                        WHERE projection = ? AND aggregate_id = ? FOR UPDATE""")
                .params(projection, event.getAggregateIdentifier())
                .query(Long.class)
                .optional()
                .orElse(null);
        long sequence = event.getSequenceNumber();
        if (previous != null && sequence <= previous) {
            return false;
        }
        long expected = previous == null ? 0 : previous + 1;
        if (sequence != expected) {
            log.warn("Projection {} expected event {} of {} but got {}: earlier events never arrived",
                    projection, expected, event.getAggregateIdentifier(), sequence);
        }
        jdbc.sql("""
                        INSERT INTO projection_cursor (projection, aggregate_id, last_sequence) VALUES (?, ?, ?)
                        ON CONFLICT (projection, aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""")
                .params(projection, event.getAggregateIdentifier(), sequence)
                .update();
        return true;
    }
}
