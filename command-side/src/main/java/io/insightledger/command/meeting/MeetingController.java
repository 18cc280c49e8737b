package io.insightledger.command.meeting;

import io.insightledger.command.meeting.MeetingCommands.CaptureObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.RedactMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReplaceMeetingAttendeesCommand;
import io.insightledger.command.meeting.MeetingCommands.RetractMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseMeetingNotesCommand;
import io.insightledger.command.meeting.MeetingCommands.ReviseObservationCommand;
import io.insightledger.command.meeting.MeetingCommands.ShareMeetingCommand;
import io.insightledger.command.meeting.MeetingCommands.UnshareMeetingCommand;
import io.insightledger.command.meeting.MeetingRequests.CaptureObservationRequest;
import io.insightledger.command.meeting.MeetingRequests.RedactionRequest;
import io.insightledger.command.meeting.MeetingRequests.ReplaceAttendeesRequest;
import io.insightledger.command.meeting.MeetingRequests.ReviseNotesRequest;
import io.insightledger.command.meeting.MeetingRequests.ReviseObservationRequest;
import io.insightledger.command.meeting.MeetingRequests.ShareMeetingRequest;
import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
import io.insightledger.command.system.ReasonRequest;
import io.insightledger.command.system.StoreMayBeAway;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/meetings")
@WorkspaceRoleRequired(Role.CONTRIBUTOR)
@Tag(name = "Meetings", description = """
        Customer meetings and the observations captured in them. A meeting is recorded once and then revised; a \
        retracted one stays readable but no longer counts as evidence. Read them on the query side.""")
@StoreMayBeAway
class MeetingController {

    private static final String RECORD = """
            {"id": "m-acme-1", "title": "Security review", "occurredAt": "2026-03-02T10:00:00Z",
             "organization": "Acme Bank", "segment": "bank", "channel": "VIDEO",
             "attendees": [{"name": "Kim", "role": "Security engineer", "side": "CUSTOMER"},
                           {"name": "Sam", "role": "Product manager", "side": "TEAM"}],
             "notes": "They rotate keys by hand every quarter.", "tags": ["security"]}""";
    private static final String REDACT = """
            {"reason": "Erasure request 2026-117: the notes quote the customer's engineer at length"}""";
    private static final String REVISE_NOTES = """
            {"notes": "They rotate keys by hand every quarter, and dread it.", "reason": "Added Kim's follow-up"}""";
    private static final String REPLACE_ATTENDEES = """
            {"attendees": [{"name": "Kim", "role": "Security engineer", "side": "CUSTOMER"},
                           {"name": "Lee", "role": "CISO", "side": "CUSTOMER"}],
             "reason": "Lee joined for the last half hour"}""";
    private static final String CAPTURE = """
            {"id": "o-1", "text": "We would pay to never rotate a key by hand again.", "kind": "QUOTE",
             "speakerRole": "Security engineer", "speakerName": "Kim", "tags": ["security", "pricing"]}""";
    private static final String REVISE_OBSERVATION = """
            {"text": "We would pay to never rotate a key by hand again, if it were audited.",
             "reason": "The recording has the end of the sentence"}""";
    private static final String RETRACT = """
            {"reason": "Recorded twice; m-acme-2 is the same meeting"}""";
    private static final String SHARE = """
            {"workspace": "identity"}""";
    private static final String NOT_ANOTHER_WORKSPACE = """
            {"type": "https://insight-ledger.io/problems/ShareWithAnotherWorkspace", "title": "ShareWithAnotherWorkspace",
             "status": 422, "rule": "ShareWithAnotherWorkspace", "detail": "Meeting m-acme-1 belongs to workspace \
            payments", "errors": [{"field": "workspace", "rule": "ShareWithAnotherWorkspace",
             "message": "Meeting m-acme-1 belongs to workspace payments"}]}""";
    private static final String UNKNOWN = """
            {"type": "https://insight-ledger.io/problems/NotFound", "title": "NotFound", "status": 404,
             "rule": "NotFound", "detail": "Nothing is recorded under id m-acme-9"}""";
    private static final String READ_ONLY = """
            {"type": "https://insight-ledger.io/problems/RetractedMeetingIsReadOnly",
             "title": "RetractedMeetingIsReadOnly", "status": 409, "rule": "RetractedMeetingIsReadOnly",
             "detail": "Meeting m-acme-1 is RETRACTED and accepts nothing but reads"}""";

    private final CommandGateway commands;
    private final CommandResponses responses;

    MeetingController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Operation(summary = "Record a meeting", description = """
            Records a customer meeting: when it took place, with which organisation and segment, over which channel, \
            who attended and the notes taken. Give your own `id` to make a retry safe: the same meeting sent twice is \
            recorded once, while other content under a taken id is refused. Instants are not before 1900 and at most \
            a day ahead; lists are bounded (100 attendees, 50 tags).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(RECORD))))
    @ApiResponse(responseCode = "201", description = "Recorded, at version 0 (also its ETag); Location is where the "
            + "query side shows it")
    @ApiResponse(responseCode = "409", description = "The id is taken by another meeting (MeetingIdTaken) or by a "
            + "hypothesis (IdTaken)")
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> record(@Valid @RequestBody RecordMeetingRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(id));
        return responses.created("/api/meetings/" + id, id, version);
    }

    @Operation(summary = "Revise a meeting's notes", description = """
            Replaces the meeting's notes; the earlier notes stay in its history, with the reason given. Sending the \
            notes it already has changes nothing.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REVISE_NOTES))))
    @ApiResponse(responseCode = "200", description = "Revised: the meeting's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @ApiResponse(responseCode = "409", description = "The meeting was retracted (RetractedMeetingIsReadOnly)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(READ_ONLY)))
    @PutMapping("/{id}/notes")
    ResponseEntity<CommandResponses.Accepted> reviseNotes(@PathVariable String id,
                                                          @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                          @Valid @RequestBody ReviseNotesRequest request) {
        long version = commands.sendAndWait(new ReviseMeetingNotesCommand(id, IfMatch.expectedVersion(ifMatch),
                request.notes(), request.reason()));
        return responses.ok(id, version);
    }

    @Operation(summary = "Replace a meeting's attendees", description = """
            Replaces the whole list of who attended, customers and team alike (at least one, at most 100); the \
            earlier list stays in the meeting's history.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REPLACE_ATTENDEES))))
    @ApiResponse(responseCode = "200", description = "Replaced: the meeting's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id")
    @ApiResponse(responseCode = "409", description = "The meeting was retracted (RetractedMeetingIsReadOnly)")
    @PutMapping("/{id}/attendees")
    ResponseEntity<CommandResponses.Accepted> replaceAttendees(@PathVariable String id,
                                                               @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                               @Valid @RequestBody ReplaceAttendeesRequest request) {
        long version = commands.sendAndWait(new ReplaceMeetingAttendeesCommand(id, IfMatch.expectedVersion(ifMatch),
                AttendeeRequest.toAttendees(request.attendees()), request.reason()));
        return responses.ok(id, version);
    }

    @Operation(summary = "Capture an observation in a meeting", description = """
            Adds what was heard or seen in the meeting: a quote, a pain point, a request or an observation, with the \
            speaker's role. Observations are what evidence can point at, more precisely than the whole meeting. Give \
            your own `id` to make a retry safe.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(CAPTURE))))
    @ApiResponse(responseCode = "201", description = "Captured: the observation's id and the meeting's new version "
            + "(also its ETag); Location is the meeting on the query side")
    @ApiResponse(responseCode = "404", description = "No meeting under this id")
    @ApiResponse(responseCode = "409", description = "The meeting was retracted (RetractedMeetingIsReadOnly), or the "
            + "observation id is taken with other content (ObservationIdTaken)")
    @PostMapping("/{id}/observations")
    ResponseEntity<CommandResponses.Accepted> captureObservation(@PathVariable String id,
                                                                 @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                                 @Valid @RequestBody CaptureObservationRequest request) {
        String observationId = Ids.orNew(request.id());
        long version = commands.sendAndWait(new CaptureObservationCommand(id, IfMatch.expectedVersion(ifMatch),
                observationId, request.text().strip(), request.kind(), request.speakerRole().strip(),
                request.speaker(), request.speakerName() == null ? null : request.speakerName().strip(),
                request.tags() == null ? List.of() : request.tags().stream().map(String::strip).toList()));
        return responses.created("/api/meetings/" + id, observationId, version);
    }

    @Operation(summary = "Revise an observation", description = """
            Corrects the text of an observation; the earlier text stays in the meeting's history, with the reason. \
            Evidence that points at the observation keeps pointing at it.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REVISE_OBSERVATION))))
    @ApiResponse(responseCode = "200", description = "Revised: the observation's id and the meeting's new version "
            + "(also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id, or the meeting has no such "
            + "observation (ObservationMustExist)")
    @ApiResponse(responseCode = "409", description = "The meeting was retracted (RetractedMeetingIsReadOnly)")
    @PutMapping("/{id}/observations/{observationId}")
    ResponseEntity<CommandResponses.Accepted> reviseObservation(@PathVariable String id,
                                                                @PathVariable String observationId,
                                                                @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                                @Valid @RequestBody ReviseObservationRequest request) {
        long version = commands.sendAndWait(new ReviseObservationCommand(id, IfMatch.expectedVersion(ifMatch),
                observationId, request.text().strip(), request.reason()));
        return responses.ok(observationId, version);
    }

    @Operation(summary = "Retract a meeting", description = """
            Takes back a meeting recorded in error. It stays readable, with the reason, but the evidence linked to \
            it no longer counts towards any hypothesis's confidence, and nothing more can be added to or changed in \
            it. A retraction cannot be undone: record the meeting again under a new id.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(RETRACT))))
    @ApiResponse(responseCode = "200", description = "Retracted: the meeting's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id")
    @ApiResponse(responseCode = "409", description = "The meeting was retracted already (RetractedMeetingIsReadOnly)")
    @PostMapping("/{id}/retraction")
    ResponseEntity<CommandResponses.Accepted> retract(@PathVariable String id,
                                                      @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                      @Valid @RequestBody ReasonRequest request) {
        long version = commands.sendAndWait(new RetractMeetingCommand(id, IfMatch.expectedVersion(ifMatch),
                request.stripped()));
        return responses.ok(id, version);
    }

    @Operation(summary = "Redact a meeting's free text", description = """
            Deletes the meeting's key: its notes, its observations' texts and the roles of speakers who were not \
            named can never be read again, from the event store, the topic or any backup of them; every view shows \
            them as `[redacted]`, before and after a rebuild. Title, organisation, attendees, evidence, decisions and \
            confidence stay as they were. For text that names someone who asked to be forgotten (erase the person \
            too: `POST /api/people/{id}/erasure`). Cannot be undone; redacting again changes nothing. Needs the \
            installation's ADMIN, in any workspace. The reason is kept in the meeting's history: do not name anyone \
            in it.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REDACT))))
    @ApiResponse(responseCode = "200", description = "Redacted: the meeting's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id")
    @RoleRequired(Role.ADMIN)
    @PostMapping("/{id}/redaction")
    ResponseEntity<CommandResponses.Accepted> redact(@PathVariable String id,
                                                     @Valid @RequestBody RedactionRequest request) {
        long version = commands.sendAndWait(new RedactMeetingCommand(id, request.reason().strip()));
        return responses.ok(id, version);
    }

    @Operation(summary = "Share a meeting with another workspace", description = """
            Shares the meeting, read-only, with another workspace of the installation (`GET /api/workspaces` lists \
            them): its members may then read the meeting and cite it as evidence for their hypotheses, but change \
            nothing in it. The meeting stays in its own workspace. Sharing it again changes nothing. Needs the role in \
            the meeting's own workspace; members of a workspace it is shared with get 403 \
            (SharedMeetingIsReadOnly).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(SHARE))))
    @ApiResponse(responseCode = "200", description = "Shared: the meeting's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id in your workspaces")
    @ApiResponse(responseCode = "409", description = "The meeting was retracted (RetractedMeetingIsReadOnly)")
    @ApiResponse(responseCode = "422", description = "The workspace is the meeting's own (ShareWithAnotherWorkspace) "
            + "or does not exist (ShareWithExistingWorkspace)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NOT_ANOTHER_WORKSPACE)))
    @PostMapping("/{id}/shares")
    ResponseEntity<CommandResponses.Accepted> share(@PathVariable String id,
                                                    @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                    @Valid @RequestBody ShareMeetingRequest request) {
        long version = commands.sendAndWait(new ShareMeetingCommand(id, IfMatch.expectedVersion(ifMatch),
                request.workspace()));
        return responses.ok(id, version);
    }

    @Operation(summary = "Stop sharing a meeting with a workspace", description = """
            Ends the share: that workspace's members can no longer read the meeting or cite it anew, while the \
            evidence they linked to it before stays, with its quotes, in their hypotheses' history. Unsharing what \
            is not shared changes nothing. Allowed on a retracted meeting too.""")
    @ApiResponse(responseCode = "200", description = "No longer shared: the meeting's id and version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No meeting under this id in your workspaces")
    @DeleteMapping("/{id}/shares/{workspace}")
    ResponseEntity<CommandResponses.Accepted> unshare(@PathVariable String id, @PathVariable String workspace,
                                                      @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                      @Parameter(description = "Why, for the meeting's history")
                                                      @RequestParam(required = false) @Size(max = 2_000) String reason) {
        long version = commands.sendAndWait(new UnshareMeetingCommand(id, IfMatch.expectedVersion(ifMatch), workspace,
                reason == null ? null : reason.strip()));
        return responses.ok(id, version);
    }
}
