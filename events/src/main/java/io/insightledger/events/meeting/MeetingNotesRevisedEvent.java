package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/** The meeting's notes were rewritten; the earlier text stays in its history. */
@Revision("1")
public record MeetingNotesRevisedEvent(String meetingId, String notes, String reason) {
}
