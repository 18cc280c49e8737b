package io.insightledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A conversation with a customer organisation took place and was written down.
 * <p>
 * Revision 2 added {@code workspaceId}. Every meeting of revision 1 was recorded before workspaces existed, so an
 * upcaster reads those events as belonging to the {@code default} workspace.
 *
 * @param workspaceId the workspace the meeting belongs to, for ever (its observations belong there too)
 */
@Revision("2")
public record MeetingRecordedEvent(
        String meetingId,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        Channel channel,
        List<Attendee> attendees,
        String notes,
        List<String> tags,
        String workspaceId) {
}
