package io.insightledger.command.decision;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
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
@RequestMapping("/api/hypotheses/{hypothesisId}/decisions")
@WorkspaceRoleRequired(Role.DECIDER)
@Tag(name = "Decisions", description = """
        Deciding an open hypothesis on its evidence: VALIDATED, INVALIDATED or PARKED, with a rationale. The decision \
        log on the query side keeps who decided what, when, on which evidence and how confident we were then.""")
@StoreMayBeAway
class DecisionController {

    private static final String DECIDE = """
            {"id": "d-1", "outcome": "VALIDATED", "rationale": "Three of five banks asked for it unprompted",
             "evidenceIds": ["e-1", "e-2", "e-4"]}""";
    private static final String PARK = """
            {"outcome": "PARKED", "rationale": "No bank will talk about keys before their audit season ends"}""";
    private static final String MUST_REOPEN = """
            {"type": "https://insight-ledger.io/problems/DecidedHypothesisMustBeReopened",
             "title": "DecidedHypothesisMustBeReopened", "status": 409, "rule": "DecidedHypothesisMustBeReopened",
             "detail": "Hypothesis h-rotation is VALIDATED; reopen it before deciding again"}""";
    private static final String NO_EVIDENCE = """
            {"type": "https://insight-ledger.io/problems/DecisionRestsOnEvidence", "title": "DecisionRestsOnEvidence",
             "status": 422, "rule": "DecisionRestsOnEvidence", "detail": "Evidence e-3 was withdrawn",
             "errors": [{"field": "evidenceIds", "rule": "DecisionRestsOnEvidence",
                         "message": "Evidence e-3 was withdrawn"}]}""";

    private final CommandGateway commands;
    private final CommandResponses responses;

    DecisionController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Operation(summary = "Decide a hypothesis", description = """
            Decides an OPEN hypothesis: VALIDATED or INVALIDATED on the evidence named in `evidenceIds` (linked to \
            it and not withdrawn), or PARKED, which needs none. The hypothesis's confidence at this moment is kept \
            with the decision. A decided hypothesis must be reopened before it is decided again. Give your own `id` \
            to make a retry safe.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "validate", summary = "Validated on three pieces of evidence", value = DECIDE),
                    @ExampleObject(name = "park", summary = "Parked, which needs no evidence", value = PARK)})))
    @ApiResponse(responseCode = "201", description = "Decided: the decision's id and the hypothesis's new version "
            + "(also its ETag); Location is the hypothesis on the query side")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id")
    @ApiResponse(responseCode = "409", description = "The hypothesis is decided already "
            + "(DecidedHypothesisMustBeReopened), was pivoted (PivotedHypothesisIsReadOnly), or the decision id is "
            + "taken with other content (DecisionIdTaken)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(MUST_REOPEN)))
    @ApiResponse(responseCode = "422", description = "VALIDATED or INVALIDATED without evidence, or on evidence that "
            + "is not linked or was withdrawn (DecisionRestsOnEvidence)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(NO_EVIDENCE)))
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> decide(@PathVariable String hypothesisId,
                                                     @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                     @Valid @RequestBody DecideHypothesisRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(hypothesisId, IfMatch.expectedVersion(ifMatch), id));
        return responses.created("/api/hypotheses/" + hypothesisId, id, version);
    }
}
