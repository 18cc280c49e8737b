package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Who attended the meeting was corrected: this list replaces the earlier one. */
@Revision("1")
public record MeetingAttendeesReplacedEvent(String meetingId, List<Attendee> attendees, String reason) {
}
