package io.insightledger.events.meeting;

import io.insightledger.events.Sealed;
import org.axonframework.serialization.Revision;

/**
 * An observation's text was corrected; the earlier text stays in its history.
 * <p>
 * Revision 2: the text is sealed under the meeting's key.
 */
@Revision("2")
public record ObservationRevisedEvent(String meetingId, String observationId, Sealed text, String reason) {
}
