package io.insightledger.query.system;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per projection and aggregate, the sequence number of the last event applied. Kafka delivers at least once, and one
 * aggregate's events arrive in order on one partition, so an event at or below the cursor is a redelivery. (A gap
 * above it is normal: a projection sees only the event types it handles.)
 */
@Component
public class ProjectionCursor {

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
        jdbc.sql("""
                        INSERT INTO projection_cursor (projection, aggregate_id, last_sequence) VALUES (?, ?, ?)
                        ON CONFLICT (projection, aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence""")
                .params(projection, event.getAggregateIdentifier(), sequence)
                .update();
        return true;
    }
}
