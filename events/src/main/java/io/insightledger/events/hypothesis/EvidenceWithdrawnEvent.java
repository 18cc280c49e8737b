package io.insightledger.events.hypothesis;

import org.axonframework.serialization.Revision;

/** A piece of evidence no longer counts for the hypothesis; it stays in the history. */
@Revision("1")
public record EvidenceWithdrawnEvent(String hypothesisId, String evidenceId, String reason) {
}
