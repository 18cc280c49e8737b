package io.insightledger.command.evidence;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
                                                   @Valid @RequestBody LinkEvidenceRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(hypothesisId, id));
        return responses.created("/api/hypotheses/" + hypothesisId, id, version);
    }
}
