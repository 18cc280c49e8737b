package io.insightledger.command.meeting;

import io.insightledger.events.meeting.AttendeeSide;
import io.insightledger.events.meeting.ObservationKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * The commands that change a recorded meeting. Each carries the version the client saw ({@code If-Match}), or
 * {@code null} to apply to whatever is current.
 */
public final class MeetingCommands {

    private MeetingCommands() {
    }

    /**
     * An attendee as the request names them, in clear: the meeting seals the name and role into its event.
     *
     * @param personId a person recorded before, or {@code null} for the meeting's own person of that name
     */
    public record AttendeeAsWritten(String personId, String name, String role, AttendeeSide side) {
    }

    public record ReviseMeetingNotesCommand(@TargetAggregateIdentifier String meetingId,
                                            @TargetAggregateVersion Long expectedVersion,
                                            String notes, String reason) {
    }

    public record ReplaceMeetingAttendeesCommand(@TargetAggregateIdentifier String meetingId,
                                                 @TargetAggregateVersion Long expectedVersion,
                                                 List<AttendeeAsWritten> attendees, String reason) {
    }

    public record CaptureObservationCommand(@TargetAggregateIdentifier String meetingId,
                                            @TargetAggregateVersion Long expectedVersion,
                                            String observationId, String text, ObservationKind kind,
                                            String speakerRole, String speakerId, String speakerName,
                                            List<String> tags) {
    }

    public record ReviseObservationCommand(@TargetAggregateIdentifier String meetingId,
                                           @TargetAggregateVersion Long expectedVersion,
                                           String observationId, String text, String reason) {
    }

    public record RetractMeetingCommand(@TargetAggregateIdentifier String meetingId,
                                        @TargetAggregateVersion Long expectedVersion,
                                        String reason) {
    }

    /** Deletes the meeting's key: its free text is gone for ever, from every copy of its events. */
    public record RedactMeetingCommand(@TargetAggregateIdentifier String meetingId, String reason) {
    }

    /** @param workspaceId the workspace to share it with */
    public record ShareMeetingCommand(@TargetAggregateIdentifier String meetingId,
                                      @TargetAggregateVersion Long expectedVersion,
                                      String workspaceId) {
    }

    /** @param workspaceId the workspace it is shared with */
    public record UnshareMeetingCommand(@TargetAggregateIdentifier String meetingId,
                                        @TargetAggregateVersion Long expectedVersion,
                                        String workspaceId, String reason) {
    }
}
