package io.insightledger.events.meeting;

import io.insightledger.events.Sealed;
import org.axonframework.serialization.Revision;

/**
 * The meeting's notes were rewritten; the earlier text stays in its history.
 * <p>
 * Revision 2: the notes are sealed under the meeting's key.
 */
@Revision("2")
public record MeetingNotesRevisedEvent(String meetingId, Sealed notes, String reason) {
}
