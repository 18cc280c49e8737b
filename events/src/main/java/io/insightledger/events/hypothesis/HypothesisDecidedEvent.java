package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The team closed a hypothesis with a decision, resting on the evidence named.
 *
 * @param decisionId  identifies the decision in the decision log
 * @param evidenceIds evidence linked to this hypothesis; empty only for a parked hypothesis
 */
@Revision("1")
public record HypothesisDecidedEvent(
        String hypothesisId,
        String decisionId,
        DecisionOutcome outcome,
        String rationale,
        List<String> evidenceIds) {
}
