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
import io.insightledger.platform.web.InvalidInputException;
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

    @PostMapping("/{id}/reopening")
    ResponseEntity<CommandResponses.Accepted> reopen(@PathVariable String id,
                                                     @RequestHeader(value = IfMatch.HEADER, required = false) String ifMatch,
                                                     @Valid @RequestBody ReasonRequest request) {
        long version = commands.sendAndWait(new ReopenHypothesisCommand(id, IfMatch.expectedVersion(ifMatch),
                request.stripped()));
        return responses.ok(id, version);
    }

    /** Answers 201 with the successor's id; the pivoted hypothesis is closed in the same transaction. */
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
