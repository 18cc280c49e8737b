package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * The meeting's key was deleted: its free text (notes, observation texts, unnamed speakers' roles) can never be read
 * again, from any copy of its events. Everything else stays: title, organisation, attendees, evidence and decisions.
 *
 * @param reason why, without naming anyone
 */
@Revision("1")
public record MeetingRedactedEvent(String meetingId, String reason) {
}
