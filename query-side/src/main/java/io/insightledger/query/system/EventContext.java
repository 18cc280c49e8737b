package io.insightledger.query.system;

import io.insightledger.events.EventMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;

/**
 * Who did it, when, and where it stands in its aggregate's history: what every projection records beside the payload.
 * "When" is when it happened: for imported history the time the importer gave, otherwise when it was recorded.
 * "Where" is the workspace of the event's aggregate.
 */
public record EventContext(Instant occurredAt, String actor, String correlationId, long sequenceNumber,
                           String workspace) {

    /** Shown for the rare event that lacks an actor, rather than dropping the event. */
    public static final String UNKNOWN_ACTOR = "unknown";

    public static EventContext of(EventMessage<?> event) {
        Object actor = event.getMetaData().get(EventMetadata.ACTOR);
        Object correlationId = event.getMetaData().get(EventMetadata.CORRELATION_ID);
        long sequence = event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getSequenceNumber() : 0;
        Object happenedAt = event.getMetaData().get(EventMetadata.HAPPENED_AT);
        // every event read carries it: the reader's upcaster gives older ones the default workspace
        Object workspace = event.getMetaData().getOrDefault(EventMetadata.WORKSPACE, EventMetadata.DEFAULT_WORKSPACE);
        return new EventContext(happenedAt != null ? Instant.parse(happenedAt.toString()) : event.getTimestamp(), actor != null ? actor.toString() : UNKNOWN_ACTOR,
                correlationId != null ? correlationId.toString() : null, sequence, workspace.toString());
    }
}
