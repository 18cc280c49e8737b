package io.insightledger.query.system;

import org.axonframework.eventhandling.EventHandler;

/** A projection: a processing group of its own over the topic, guarded by a {@link ProjectionGuard}. */
public interface Projection {

    /**
     * Every event reaches the projection's guard, also those the projection does nothing with: a processor hands out
     * only what one of its handlers takes and skips the rest unseen. Seeing all of an aggregate's events, the guard
     * knows when one is missing, and parks a record that could not be read instead of losing it.
     */
    @EventHandler
    default void on(Object event) {
        // nothing to change in this projection: the guard has moved the aggregate's cursor
    }
}
