package io.insightledger.query.decision;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.events.hypothesis.DecisionOutcome;
import io.insightledger.query.decision.DecisionLog.LoggedDecision;
import io.insightledger.query.hypothesis.StoredStates;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.ReadsProjections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's view: who decided what, when, on which evidence, how confident we were then, and what came after. */
@RestController
@RequestMapping("/api/decisions")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Decisions", description = """
        The decision log, for auditors: who decided what, when, on which evidence, how confident we were then, and \
        what came after (reopened, or at risk from later evidence).""")
@ReadsProjections
class DecisionLogController {

    private static final String LOG = """
            {"items": [{"decisionId": "d-1", "workspace": "payments", "hypothesisId": "h-rotation",
                        "hypothesisTitle": "Keys rotate themselves",
                        "owner": "sam", "outcome": "VALIDATED",
                        "rationale": "Three of five banks asked for it unprompted",
                        "decidedAt": "2026-03-09T16:00:00Z", "decidedBy": "alex", "confidenceThen": 0.81,
                        "evidence": [], "reopened": false, "atRisk": false}],
             "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}""";

    private final DecisionLog log;
    private final ProjectionAdmin projections;

    DecisionLogController(DecisionLog log, ProjectionAdmin projections) {
        this.log = log;
        this.projections = projections;
    }

    @Operation(summary = "The decision log", description = """
            Decisions, newest first, a page at a time: each with its hypothesis, outcome and rationale, who took \
            it and when, the evidence it rested on, the hypothesis's confidence then, whether it was reopened \
            (when, why) and whether later evidence puts it at risk. Decisions of your workspaces, or of the one \
            asked for, each naming its workspace; filtered by the period it was taken in, its outcome and the \
            hypothesis's owner.""")
    @ApiResponse(responseCode = "200", description = "A page of decisions",
            content = @Content(examples = @ExampleObject(LOG)))
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    PageResponse<LoggedDecision> decisions(@Valid @ParameterObject Period period,
                                           @Parameter(description = "Only decisions with this outcome")
                                           @RequestParam(required = false) DecisionOutcome outcome,
                                           @Parameter(description = "Only decisions on hypotheses this person owns")
                                           @RequestParam(required = false) String owner,
                                           @Parameter(description = ReadScope.WORKSPACE)
                                           @RequestParam(required = false) String workspace,
                                           @Valid @ParameterObject PageRequest page) {
        ReadScope scope = ReadScope.of(workspace);
        projections.requireReady(StoredStates.PROJECTION);
        return log.page(scope, period, outcome, owner, page);
    }
}
