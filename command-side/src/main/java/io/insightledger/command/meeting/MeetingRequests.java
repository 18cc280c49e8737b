package io.insightledger.command.meeting;

import io.insightledger.command.person.PersonLookup;
import io.insightledger.command.system.Ids;
import io.insightledger.events.meeting.ObservationKind;
import io.insightledger.platform.identity.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Bodies of the requests that change a recorded meeting. */
final class MeetingRequests {

    private MeetingRequests() {
    }

    record ReviseNotesRequest(@NotNull @Size(max = 20_000) String notes, @Size(max = 2_000) String reason) {
    }

    record ReplaceAttendeesRequest(@NotEmpty @Size(max = 100) List<@Valid @NotNull AttendeeRequest> attendees,
                                   @Size(max = 2_000) String reason) {
    }

    record CaptureObservationRequest(
            @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String id,
            @NotBlank @Size(max = 5_000) String text,
            @NotNull ObservationKind kind,
            @NotBlank @Size(max = 100) String speakerRole,
            @Pattern(regexp = PersonLookup.ID_RULE, message = PersonLookup.ID_RULE_MESSAGE) String speaker,
            @Size(max = 200) String speakerName,
            @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags) {
    }

    record ReviseObservationRequest(@NotBlank @Size(max = 5_000) String text, @Size(max = 2_000) String reason) {
    }

    record RedactionRequest(@NotBlank @Size(max = 2_000) String reason) {
    }

    record ShareMeetingRequest(
            @NotBlank @Pattern(regexp = Workspaces.ID_RULE, message = Workspaces.ID_RULE_MESSAGE) String workspace) {
    }
}
