package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/** A decided hypothesis is open again, for the reason given. */
@Revision("1")
public record HypothesisReopenedEvent(String hypothesisId, String reason) {
}
