package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/**
 * Something heard in a meeting was linked to a hypothesis as evidence.
 *
 * @param observationId the observation of that meeting it rests on, or {@code null} for the meeting as a whole
 * @param note          free text, may be {@code null}
 */
@Revision("1")
public record EvidenceLinkedEvent(
        String hypothesisId,
        String evidenceId,
        String meetingId,
        String observationId,
        EvidenceDirection direction,
        EvidenceStrength strength,
        String note) {
}
