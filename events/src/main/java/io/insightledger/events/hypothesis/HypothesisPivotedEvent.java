package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/**
 * The hypothesis was closed and replaced by its successor, which is proposed (with this one as its parent) in the
 * same transaction. A pivoted hypothesis accepts nothing more.
 */
@Revision("1")
public record HypothesisPivotedEvent(String hypothesisId, String successorId, String rationale) {
}
