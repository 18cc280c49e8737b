package io.insightledger.command.decision;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import io.insightledger.command.system.IfMatch;
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
@RequestMapping("/api/hypotheses/{hypothesisId}/decisions")
class DecisionController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    DecisionController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    /** Answers with the decision's id and the hypothesis's new version. */
    @PostMapping
    ResponseEntity<CommandResponses.Accepted> decide(@PathVariable String hypothesisId,
                                                     @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                     @Valid @RequestBody DecideHypothesisRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(hypothesisId, IfMatch.expectedVersion(ifMatch), id));
        return responses.created("/api/hypotheses/" + hypothesisId, id, version);
    }
}
