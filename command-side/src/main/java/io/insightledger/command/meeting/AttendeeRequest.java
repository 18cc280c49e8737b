package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.AttendeeAsWritten;
import io.insightledger.command.person.PersonLookup;
import io.insightledger.events.meeting.AttendeeSide;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * @param person the id of a person recorded before (the same person in another meeting); without one, the meeting
 *               names a person of its own, one per name
 */
record AttendeeRequest(
        @Pattern(regexp = PersonLookup.ID_RULE, message = PersonLookup.ID_RULE_MESSAGE) String person,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String role,
        @NotNull AttendeeSide side) {

    static List<AttendeeAsWritten> toAttendees(List<AttendeeRequest> requests) {
        return requests.stream()
                .map(a -> new AttendeeAsWritten(a.person(), a.name().strip(), a.role().strip(), a.side()))
                .toList();
    }
}
