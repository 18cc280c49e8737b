package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/** An observation's text was corrected; the earlier text stays in its history. */
@Revision("1")
public record ObservationRevisedEvent(String meetingId, String observationId, String text, String reason) {
}
