package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Who attended the meeting was corrected: this list replaces the earlier one.
 * <p>
 * Revision 2: attendees are people with ids and sealed names and roles (see {@link MeetingRecordedEvent}).
 */
@Revision("2")
public record MeetingAttendeesReplacedEvent(String meetingId, List<Attendee> attendees, String reason) {
}
