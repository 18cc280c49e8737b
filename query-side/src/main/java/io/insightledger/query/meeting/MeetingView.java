package io.insightledger.query.meeting;

import java.time.Instant;
import java.util.List;

/**
 * A meeting as the query API shows it.
 *
 * @param workspace        where it belongs
 * @param sharedWith       the workspaces it is shared with now: all of them for members of its workspace, the
 *                         caller's own among them for others
 * @param redacted         its free text (notes, observation texts) was redacted and reads "[redacted]"
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
        boolean redacted,
        List<Observation> observations,
        List<MeetingQueryController.ServedAsEvidence> servedAsEvidence,
        long version) {

    /**
     * @param person the person's id ({@code null} for attendees recorded before people had ids)
     * @param name   "Erased person" once the person was erased, without a role
     */
    public record Attendee(String person, String name, String role, String side, boolean erased) {
    }

    /** @param speaker the speaking person's id, if the speaker was named */
    public record Observation(String id, String text, String kind, String speakerRole, String speaker,
                              String speakerName, List<String> tags, Instant capturedAt, String capturedBy,
                              Instant revisedAt) {
    }
}
