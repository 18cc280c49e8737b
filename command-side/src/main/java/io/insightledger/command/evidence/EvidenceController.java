package io.insightledger.command.evidence;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
import io.insightledger.command.system.ReasonRequest;
import io.insightledger.command.system.StoreMayBeAway;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/hypotheses/{hypothesisId}/evidence")
@WorkspaceRoleRequired(Role.CONTRIBUTOR)
@Tag(name = "Evidence", description = """
        Linking what a meeting (or one observation in it) showed to a hypothesis, as supporting or contradicting it, \
        weakly to strongly: what the hypothesis's confidence is computed from. Withdrawn evidence stays in the \
        history but no longer counts.""")
@StoreMayBeAway
class EvidenceController {

    private static final String LINK = """
            {"id": "e-1", "meetingId": "m-acme-1", "observationId": "o-1", "direction": "SUPPORTS",
             "strength": "STRONG", "note": "Asked for it unprompted"}""";
    private static final String WITHDRAW = """
            {"reason": "Kim spoke of signing keys, not of the encryption keys this hypothesis is about"}""";
    private static final String NO_MEETING = """
            {"type": "https://insight-ledger.io/problems/EvidenceNeedsRecordedMeeting",
             "title": "EvidenceNeedsRecordedMeeting", "status": 422, "rule": "EvidenceNeedsRecordedMeeting",
             "detail": "Meeting m-acme-9 is not recorded",
             "errors": [{"field": "meetingId", "rule": "EvidenceNeedsRecordedMeeting",
                         "message": "Meeting m-acme-9 is not recorded"}]}""";

    private final CommandGateway commands;
    private final CommandResponses responses;

    EvidenceController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Operation(summary = "Link evidence to a hypothesis", description = """
            Links a recorded meeting, or one observation in it, to the hypothesis as evidence that supports or \
            contradicts it, weakly, moderately or strongly; the hypothesis's confidence follows. A meeting or \
            observation counts once per hypothesis. Evidence linked after a decision is kept; if it contradicts \
            the decision, the decision shows as at risk. Give your own `id` to make a retry safe.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(LINK))))
    @ApiResponse(responseCode = "201", description = "Linked: the evidence's id and the hypothesis's new version (also "
            + "its ETag); Location is the hypothesis on the query side")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id")
    @ApiResponse(responseCode = "409", description = "The meeting or observation is linked already "
            + "(EvidenceLinkedOnce), the evidence id is taken with other content (EvidenceIdTaken), or the hypothesis "
            + "was pivoted (PivotedHypothesisIsReadOnly)")
    @ApiResponse(responseCode = "422", description = "The meeting is not recorded or was retracted "
            + "(EvidenceNeedsRecordedMeeting), or has no such observation (EvidenceObservationBelongsToMeeting)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(NO_MEETING)))
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> link(@PathVariable String hypothesisId,
                                                   @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                   @Valid @RequestBody LinkEvidenceRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(hypothesisId, IfMatch.expectedVersion(ifMatch), id));
        return responses.created("/api/hypotheses/" + hypothesisId, id, version);
    }

    @Operation(summary = "Withdraw evidence", description = """
            Takes back a piece of evidence, with the reason: it stays in the hypothesis's history but no longer \
            counts towards its confidence, nor can a new decision rest on it. Withdrawing twice changes nothing.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(WITHDRAW))))
    @ApiResponse(responseCode = "200", description = "Withdrawn: the evidence's id and the hypothesis's new version "
            + "(also its ETag)")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id, or it has no such evidence "
            + "(EvidenceMustExist)")
    @ApiResponse(responseCode = "409", description = "The hypothesis was pivoted (PivotedHypothesisIsReadOnly)")
    @PostMapping("/{evidenceId}/withdrawal")
    ResponseEntity<CommandResponses.Accepted> withdraw(@PathVariable String hypothesisId,
                                                       @PathVariable String evidenceId,
                                                       @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                       @Valid @RequestBody ReasonRequest request) {
        long version = commands.sendAndWait(new WithdrawEvidenceCommand(hypothesisId,
                IfMatch.expectedVersion(ifMatch), evidenceId, request.stripped()));
        return responses.ok(evidenceId, version);
    }
}
