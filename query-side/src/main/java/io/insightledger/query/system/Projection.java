package io.insightledger.query.system;

import io.insightledger.platform.kafka.UnreadableRecord;
import org.axonframework.eventhandling.EventHandler;

/** A projection: a processing group of its own over the topic, guarded by a {@link ProjectionGuard}. */
public interface Projection {

    /**
     * Never reached: the projection's guard parks a record that could not be read before any handler runs. Declared
     * because a processor hands out only what one of its handlers takes, and silently skips the rest.
     */
    @EventHandler
    default void on(UnreadableRecord record) {
        throw new IllegalStateException("An unreadable record reached a handler instead of the dead-letter queue: "
                + record.reason());
    }
}
