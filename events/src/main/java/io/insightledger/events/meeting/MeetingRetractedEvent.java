package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * The meeting no longer counts (recorded by mistake, or its content cannot be used). Nothing is deleted: its evidence
 * stays visible but weighs nothing, and no new evidence may point at it.
 */
@Revision("1")
public record MeetingRetractedEvent(String meetingId, String reason) {
}
