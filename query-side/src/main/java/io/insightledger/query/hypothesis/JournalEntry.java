package io.insightledger.query.hypothesis;

import java.time.Instant;

/** One event of a hypothesis's own history, as the query side keeps it, in order. */
public record JournalEntry(long sequenceNumber, Instant occurredAt, String actor, String correlationId, Object event) {

    /** The event's type without the {@code Event} suffix, e.g. {@code EvidenceLinked}. */
    public String type() {
        return event.getClass().getSimpleName().replaceFirst("Event$", "");
    }
}
