package io.insightledger.command.meeting;

import io.insightledger.events.meeting.Attendee;
import io.insightledger.events.meeting.AttendeeSide;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

record AttendeeRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 100) String role,
        @NotNull AttendeeSide side) {

    static List<Attendee> toAttendees(List<AttendeeRequest> requests) {
        return requests.stream().map(a -> new Attendee(a.name().strip(), a.role().strip(), a.side())).toList();
    }
}
