package io.insightledger.query.meeting;

import io.insightledger.events.meeting.Attendee;

import java.time.Instant;
import java.util.List;

/**
 * A meeting as the query API shows it.
 *
 * @param workspace        where it belongs
 * @param sharedWith       the workspaces it is shared with now: all of them for members of its workspace, the
 *                         caller's own among them for others
 * @param servedAsEvidence citations from the caller's workspaces only
 */
public record MeetingView(
        String id,
        String workspace,
        List<String> sharedWith,
        String title,
        Instant occurredAt,
        String organization,
        String segment,
        String channel,
        List<Attendee> attendees,
        String notes,
        List<String> tags,
        Instant recordedAt,
        String recordedBy,
        boolean retracted,
        String retractionReason,
        List<Observation> observations,
        List<MeetingQueryController.ServedAsEvidence> servedAsEvidence,
        long version) {

    public record Observation(String id, String text, String kind, String speakerRole, String speakerName,
                              List<String> tags, Instant capturedAt, String capturedBy, Instant revisedAt) {
    }
}
