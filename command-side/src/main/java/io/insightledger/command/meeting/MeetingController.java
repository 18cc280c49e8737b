package io.insightledger.command.meeting;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.Ids;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/meetings")
class MeetingController {

    private final CommandGateway commands;
    private final CommandResponses responses;

    MeetingController(CommandGateway commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @PostMapping
    ResponseEntity<CommandResponses.Accepted> record(@Valid @RequestBody RecordMeetingRequest request) {
        String id = Ids.orNew(request.id());
        long version = commands.sendAndWait(request.toCommand(id));
        return responses.created("/api/meetings/" + id, id, version);
    }
}
