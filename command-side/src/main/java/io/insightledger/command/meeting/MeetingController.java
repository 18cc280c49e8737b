package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.meeting.MeetingRequests.CaptureObservationRequest;
import io.insightledger.command.meeting.MeetingRequests.ReplaceAttendeesRequest;
import io.insightledger.command.meeting.MeetingRequests.ReviseNotesRequest;
import io.insightledger.command.meeting.MeetingRequests.ReviseObservationRequest;
import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
import io.insightledger.command.system.ReasonRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/meetings")
class MeetingController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    MeetingController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<CommandResponses.Accepted> record(@Valid @RequestBody RecordMeetingRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(id));
        return responses.created("/api/meetings/" + id, id, version);
    }

    /** The earlier notes stay in the meeting's history. */
    @PutMapping("/{id}/notes")
    ResponseEntity<CommandResponses.Accepted> reviseNotes(@PathVariable String id,
                                                          @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                          @Valid @RequestBody ReviseNotesRequest request) {
        long version = commands.sendAndWait(new ReviseMeetingNotesCommand(id, IfMatch.expectedVersion(ifMatch),
                request.notes(), request.reason()));
        return responses.ok(id, version);
    }

    @PutMapping("/{id}/attendees")
    ResponseEntity<CommandResponses.Accepted> replaceAttendees(@PathVariable String id,
                                                               @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                               @Valid @RequestBody ReplaceAttendeesRequest request) {
        long version = commands.sendAndWait(new ReplaceMeetingAttendeesCommand(id, IfMatch.expectedVersion(ifMatch),
                AttendeeRequest.toAttendees(request.attendees()), request.reason()));
        return responses.ok(id, version);
    }

    /** Answers with the observation's id and the meeting's new version. */
    @PostMapping("/{id}/observations")
    ResponseEntity<CommandResponses.Accepted> captureObservation(@PathVariable String id,
                                                                 @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                                 @Valid @RequestBody CaptureObservationRequest request) {
        String observationId = Ids.orNew(request.id());
        long version = commands.sendAndWait(new CaptureObservationCommand(id, IfMatch.expectedVersion(ifMatch),
                observationId, request.text().strip(), request.kind(), request.speakerRole().strip(),
                request.speakerName() == null ? null : request.speakerName().strip(),
                request.tags() == null ? List.of() : request.tags().stream().map(String::strip).toList()));
        return responses.created("/api/meetings/" + id, observationId, version);
    }

    @PutMapping("/{id}/observations/{observationId}")
    ResponseEntity<CommandResponses.Accepted> reviseObservation(@PathVariable String id,
                                                                @PathVariable String observationId,
                                                                @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                                @Valid @RequestBody ReviseObservationRequest request) {
        long version = commands.sendAndWait(new ReviseObservationCommand(id, IfMatch.expectedVersion(ifMatch),
                observationId, request.text().strip(), request.reason()));
        return responses.ok(observationId, version);
    }

    /** The meeting stays readable; its evidence no longer counts and nothing more can be added to it. */
    @PostMapping("/{id}/retraction")
    ResponseEntity<CommandResponses.Accepted> retract(@PathVariable String id,
                                                      @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                      @Valid @RequestBody ReasonRequest request) {
        long version = commands.sendAndWait(new RetractMeetingCommand(id, IfMatch.expectedVersion(ifMatch),
                request.stripped()));
        return responses.ok(id, version);
    }
}
