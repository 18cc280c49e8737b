package io.insightledger.events.meeting;

import io.insightledger.events.Sealed;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A conversation with a customer organisation took place and was written down.
 * <p>
 * Revision 2 added {@code workspaceId}. Every meeting of revision 1 was recorded before workspaces existed, so an
 * upcaster reads those events as belonging to the {@code default} workspace.
 * <p>
 * Revision 3 seals personal data: each attendee is a person with an id, whose name and role are sealed under their
 * key, and the notes (free text that may name people) are sealed under the meeting's key. Upcasters read older
 * revisions with those values in clear ({@link Sealed#inClear}) and attendees without a person id.
 *
 * @param workspaceId the workspace the meeting belongs to, for ever (its observations belong there too)
 */
@Revision("3")
public record MeetingRecordedEvent(
        String meetingId,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        Channel channel,
        List<Attendee> attendees,
        Sealed notes,
        List<String> tags,
        String workspaceId) {
}
