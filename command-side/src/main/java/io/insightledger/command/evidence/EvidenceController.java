package io.insightledger.command.evidence;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
import io.insightledger.command.system.ReasonRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/hypotheses/{hypothesisId}/evidence")
class EvidenceController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    EvidenceController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    /** Answers with the evidence's id and the hypothesis's new version. */
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> link(@PathVariable String hypothesisId,
                                                   @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                   @Valid @RequestBody LinkEvidenceRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(hypothesisId, IfMatch.expectedVersion(ifMatch), id));
        return responses.created("/api/hypotheses/" + hypothesisId, id, version);
    }

    /** The evidence stays in the history but no longer counts. */
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
