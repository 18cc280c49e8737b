package io.insightledger.command.evidence;

import io.insightledger.events.hypothesis.EvidenceDirection;
import io.insightledger.events.hypothesis.EvidenceLinkedEvent;
import io.insightledger.events.hypothesis.EvidenceStrength;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record LinkEvidenceCommand(
        @TargetAggregateIdentifier String hypothesisId,
        @TargetAggregateVersion Long expectedVersion,
        String evidenceId,
        String meetingId,
        String observationId,
        EvidenceDirection direction,
        EvidenceStrength strength,
        String note) {

    public EvidenceLinkedEvent toEvent(boolean linkedAfterDecision) {
        return new EvidenceLinkedEvent(hypothesisId, evidenceId, meetingId, observationId, direction, strength, note,
                linkedAfterDecision);
    }
}
