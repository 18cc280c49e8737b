package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/**
 * The wording of a hypothesis changed. A {@code null} field is unchanged.
 */
@Revision("1")
public record HypothesisRevisedEvent(
        String hypothesisId,
        String title,
        String statement,
        String successCriteria,
        String reason) {
}
