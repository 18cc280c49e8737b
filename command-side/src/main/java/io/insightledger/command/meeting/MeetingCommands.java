package io.insightledger.command.meeting;

import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.ObservationCapturedEvent;
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

    public record ReviseMeetingNotesCommand(@TargetAggregateIdentifier String meetingId,
                                            @TargetAggregateVersion Long expectedVersion,
                                            String notes, String reason) {
    }

    public record ReplaceMeetingAttendeesCommand(@TargetAggregateIdentifier String meetingId,
                                                 @TargetAggregateVersion Long expectedVersion,
                                                 List<Attendee> attendees, String reason) {
    }

    public record CaptureObservationCommand(@TargetAggregateIdentifier String meetingId,
                                            @TargetAggregateVersion Long expectedVersion,
                                            String observationId, String text, ObservationKind kind,
                                            String speakerRole, String speakerName, List<String> tags) {

        ObservationCapturedEvent toEvent() {
            return new ObservationCapturedEvent(meetingId, observationId, text, kind, speakerRole, speakerName, tags);
        }
    }

    public record ReviseObservationCommand(@TargetAggregateIdentifier String meetingId,
                                           @TargetAggregateVersion Long expectedVersion,
                                           String observationId, String text, String reason) {
    }

    public record RetractMeetingCommand(@TargetAggregateIdentifier String meetingId,
                                        @TargetAggregateVersion Long expectedVersion,
                                        String reason) {
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
