package io.insightledger.command.hypothesis;

import io.insightledger.command.hypothesis.HypothesisCommands.PivotHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReopenHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisCommands.ReviseHypothesisCommand;
import io.insightledger.command.hypothesis.HypothesisRequests.PivotRequest;
import io.insightledger.command.hypothesis.HypothesisRequests.ReviseHypothesisRequest;
import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
import io.insightledger.command.system.ReasonRequest;
import io.insightledger.command.system.StoreMayBeAway;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.platform.web.InvalidInputException;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

@RestController
@RequestMapping("/api/hypotheses")
@Tag(name = "Hypotheses", description = """
        What the team believes about its customers, stated so that meetings can prove it wrong: proposed, revised, \
        decided on (see Decisions), reopened, or pivoted into a successor. Read them on the query side.""")
@StoreMayBeAway
class HypothesisController {

    private static final String PROPOSE = """
            {"id": "h-rotation", "title": "Keys rotate themselves",
             "statement": "We believe that security teams want automatic key rotation",
             "category": "DESIRABILITY", "successCriteria": "We are right if 3 of 5 banks ask for it",
             "owner": "sam", "tags": ["security"], "segments": ["bank"]}""";
    private static final String REVISE = """
            {"successCriteria": "We are right if 3 of 5 banks ask for it unprompted",
             "reason": "Prompted answers told us little"}""";
    private static final String REOPEN = """
            {"reason": "Two banks have since told us they rotate keys with their HSM vendor's tool"}""";
    private static final String PIVOT = """
            {"rationale": "Banks do not want rotation, they want proof of it for their auditors",
             "successor": {"id": "h-rotation-audit", "title": "Auditors want rotation evidence",
                           "statement": "We believe that banks' auditors want a report of every key rotation",
                           "category": "DESIRABILITY",
                           "successCriteria": "We are right if 2 of 3 auditors ask for the report"}}""";
    private static final String PIVOTED = """
            {"type": "https://insight-ledger.io/problems/PivotedHypothesisIsReadOnly",
             "title": "PivotedHypothesisIsReadOnly", "status": 409, "rule": "PivotedHypothesisIsReadOnly",
             "detail": "Hypothesis h-rotation is PIVOTED and accepts nothing but reads"}""";

    private final CommandGateway commands;
    private final CommandResponses responses;

    HypothesisController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @WorkspaceRoleRequired(Role.CONTRIBUTOR)
    @Operation(summary = "Propose a hypothesis", description = """
            Proposes a hypothesis: a statement about customers, its category and the success criteria that will \
            decide it. It starts OPEN, with no evidence. The owner is the proposer unless named; `parentId` names \
            the hypothesis it refines. Give your own `id` to make a retry safe.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(PROPOSE))))
    @ApiResponse(responseCode = "201", description = "Proposed, at version 0 (also its ETag); Location is where the "
            + "query side shows it")
    @ApiResponse(responseCode = "409", description = "The id is taken by another hypothesis (HypothesisIdTaken) or by a "
            + "meeting (IdTaken)")
    @ApiResponse(responseCode = "422", description = "parentId names no hypothesis (ParentHypothesisMustExist)")
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> propose(@Valid @RequestBody ProposeHypothesisRequest request,
                                                      Principal principal) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(id, principal.getName()));
        return responses.created("/api/hypotheses/" + id, id, version);
    }

    @WorkspaceRoleRequired(Role.CONTRIBUTOR)
    @Operation(summary = "Revise a hypothesis", description = """
            Rewords the title, the statement or the success criteria, with a reason; what is left out stays as it \
            is, and the earlier wording stays in the hypothesis's evolution. Evidence and decisions are untouched.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REVISE))))
    @ApiResponse(responseCode = "200", description = "Revised: the hypothesis's id and new version (also its ETag)")
    @ApiResponse(responseCode = "400", description = "Malformed input, or none of title, statement and "
            + "successCriteria named (AtLeastOneChange)")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id")
    @ApiResponse(responseCode = "409", description = "The hypothesis was pivoted (PivotedHypothesisIsReadOnly)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(PIVOTED)))
    @PutMapping("/{id}")
    ResponseEntity<CommandResponses.Accepted> revise(@PathVariable String id,
                                                     @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                     @Valid @RequestBody ReviseHypothesisRequest request) {
        if (!request.changesSomething()) {
            throw new InvalidInputException("title", "AtLeastOneChange",
                    "name at least one of title, statement and successCriteria");
        }
        long version = commands.sendAndWait(new ReviseHypothesisCommand(id, IfMatch.expectedVersion(ifMatch),
                strip(request.title()), strip(request.statement()), strip(request.successCriteria()),
                request.reason().strip()));
        return responses.ok(id, version);
    }

    @WorkspaceRoleRequired(Role.DECIDER)
    @Operation(summary = "Reopen a decided hypothesis", description = """
            Sets a VALIDATED, INVALIDATED or PARKED hypothesis OPEN again, with the reason, so that it can gather \
            evidence and be decided anew. The decision stays in the decision log, marked as reopened.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(REOPEN))))
    @ApiResponse(responseCode = "200", description = "Reopened: the hypothesis's id and new version (also its ETag)")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id")
    @ApiResponse(responseCode = "409", description = "The hypothesis is OPEN already (OnlyDecidedHypothesisReopens) or "
            + "was pivoted (PivotedHypothesisIsReadOnly)")
    @PostMapping("/{id}/reopening")
    ResponseEntity<CommandResponses.Accepted> reopen(@PathVariable String id,
                                                     @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                     @Valid @RequestBody ReasonRequest request) {
        long version = commands.sendAndWait(new ReopenHypothesisCommand(id, IfMatch.expectedVersion(ifMatch),
                request.stripped()));
        return responses.ok(id, version);
    }

    @WorkspaceRoleRequired(Role.DECIDER)
    @Operation(summary = "Pivot a hypothesis into a successor", description = """
            Ends the hypothesis as PIVOTED, with the rationale, and proposes its successor in the same transaction: \
            both or neither. The pivoted hypothesis then accepts nothing but reads; the successor starts OPEN with \
            the pivoted one as its parent (so leave `successor.parentId` out) and its segments unless it names its \
            own. A retry with the same successor id and rationale changes nothing.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(PIVOT))))
    @ApiResponse(responseCode = "201", description = "Pivoted: the successor's id, at version 0; Location is where "
            + "the query side shows the successor")
    @ApiResponse(responseCode = "400", description = "Malformed input, or successor.parentId given")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id")
    @ApiResponse(responseCode = "409", description = "The hypothesis was pivoted already (PivotedHypothesisIsReadOnly), "
            + "or the successor's id is taken (SuccessorIsANewHypothesis)")
    @PostMapping("/{id}/pivot")
    ResponseEntity<CommandResponses.Accepted> pivot(@PathVariable String id,
                                                    @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                    @Valid @RequestBody PivotRequest request, Principal principal) {
        if (request.successor().parentId() != null) {
            throw new InvalidInputException("successor.parentId", "Null",
                    "must be left out: the successor's parent is the pivoted hypothesis");
        }
        String successorId = Ids.orNew(request.successor().id());
        commands.sendAndWait(new PivotHypothesisCommand(id, IfMatch.expectedVersion(ifMatch),
                request.rationale().strip(), request.successor().toSuccessor(successorId, principal.getName())));
        return responses.created("/api/hypotheses/" + successorId, successorId, 0);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
