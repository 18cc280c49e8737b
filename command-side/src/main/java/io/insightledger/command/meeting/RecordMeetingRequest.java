package io.insightledger.command.meeting;

import io.insightledger.command.system.Ids;
import io.insightledger.events.meeting.Channel;
import io.insightledger.platform.identity.Workspaces;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

record RecordMeetingRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.PATTERN_MESSAGE) String id,
        @NotBlank @Size(max = 200) String title,
        // not before 1900, at most a day ahead: checked with every instant of a body (platform's StorableInput)
        @NotNull Instant occurredAt,
        @NotBlank @Size(max = 200) String organization,
        @NotBlank @Size(max = 100) String segment,
        @NotNull Channel channel,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull AttendeeRequest> attendees,
        @Size(max = 20_000) String notes,
        @Size(max = 50) List<@NotBlank @Size(max = 50) String> tags,
        @Pattern(regexp = Workspaces.ID_RULE, message = Workspaces.ID_RULE_MESSAGE) String workspace) {

    RecordMeetingCommand toCommand(String meetingId) {
        return new RecordMeetingCommand(meetingId, title.strip(), occurredAt, organization.strip(), segment.strip(),
                channel, AttendeeRequest.toAttendees(attendees), notes == null ? "" : notes,
                tags == null ? List.of() : tags.stream().map(String::strip).toList(), Workspaces.orDefault(workspace));
    }
}
