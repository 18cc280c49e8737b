package io.insightledger.command.hypothesis;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

@RestController
@RequestMapping("/api/hypotheses")
class HypothesisController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    HypothesisController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<CommandResponses.Accepted> propose(@Valid @RequestBody ProposeHypothesisRequest request,
                                                      Principal principal) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(id, principal.getName()));
        return responses.created("/api/hypotheses/" + id, id, version);
    }
}
