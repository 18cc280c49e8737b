package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/**
 * Something heard in a meeting was linked to a hypothesis as evidence.
 * <p>
 * Revision 2 added {@code linkedAfterDecision}. Revision 1 did not record it, so an upcaster reads those events with
 * {@code null} there ("not recorded"), never with a guess.
 *
 * @param observationId       the observation of that meeting it rests on, or {@code null} for the meeting as a whole
 * @param note                free text, may be empty
 * @param linkedAfterDecision whether the hypothesis stood decided when this evidence arrived, so that it may challenge
 *                            the decision; {@code null} for events of revision 1
 */
@Revision("2")
public record EvidenceLinkedEvent(
        String hypothesisId,
        String evidenceId,
        String meetingId,
        String observationId,
        EvidenceDirection direction,
        EvidenceStrength strength,
        String note,
        Boolean linkedAfterDecision) {
}
