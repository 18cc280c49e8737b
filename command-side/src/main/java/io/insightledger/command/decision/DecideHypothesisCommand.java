package io.insightledger.command.decision;

import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.events.hypothesis.HypothesisDecidedEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

public record DecideHypothesisCommand(
        @TargetAggregateIdentifier String hypothesisId,
        @TargetAggregateVersion Long expectedVersion,
        String decisionId,
        DecisionOutcome outcome,
        String rationale,
        List<String> evidenceIds) {

    public HypothesisDecidedEvent toEvent() {
        return new HypothesisDecidedEvent(hypothesisId, decisionId, outcome, rationale, evidenceIds);
    }
}
