package io.insightledger.command.person;

import io.insightledger.command.system.CommandResponses;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.command.system.StoreMayBeAway;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

@RestController
@RequestMapping("/api/people")
@RoleRequired(Role.ADMIN)
@Tag(name = "People", description = """
        The people meetings name: attendees and speakers, each with an id of their own. Their names and roles are \
        sealed under a key per person; erasing a person deletes the key (docs/privacy.md). Read what is held about a \
        person on the query side (GET /api/people/{id}).""")
@StoreMayBeAway
class PersonController {

    private static final String ERASE = """
            {"reason": "Erasure request 2026-117 (data subject's request)"}""";

    private final CommandGateway commands;
    private final CommandResponses responses;
    private final Retention retention;

    PersonController(CommandGateway commands, CommandResponses responses, Retention retention) {
        this.commands = commands;
        this.responses = responses;
        this.retention = retention;
    }

    record ErasureRequest(@NotBlank @Size(max = 2_000) String reason) {
    }

    @Operation(summary = "Erase a person", description = """
            Honours a person's right to be forgotten: deletes their key, so their name and role can never be read \
            again from the event store, the topic or any backup of them, and records a `PersonErasedEvent` that \
            holds no personal data. Every view then shows them as "Erased person", before and after a rebuild; the \
            meetings they attended, the observations they made (their texts are the meeting's: redact the meeting \
            for those), evidence, decisions and confidence stay as they were. Cannot be undone; erasing again \
            changes nothing. The reason is kept in the ledger: do not name the person in it.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(ERASE))))
    @ApiResponse(responseCode = "200", description = "Erased: the person's id and the version of their record")
    @ApiResponse(responseCode = "404", description = "No meeting names a person under this id")
    @PostMapping("/{id}/erasure")
    ResponseEntity<CommandResponses.Accepted> erase(@PathVariable String id,
                                                    @Valid @RequestBody ErasureRequest request) {
        if (!id.matches(PersonLookup.ID_RULE)) {
            throw RuleViolationException.nothingRecordedUnder(id);
        }
        String personId = id.toLowerCase(Locale.ROOT);
        long version = commands.sendAndWait(new ErasePersonCommand(personId, request.reason().strip()));
        return responses.ok(personId, version);
    }

    @Operation(summary = "Apply the retention settings now", description = """
            Erases, now, every person whom no meeting of their workspace has named for longer than the workspace's \
            retention period (`PUT /api/admin/workspaces/{id}/retention`, else the installation's \
            `INSIGHT_RETENTION_MONTHS`; 0 keeps people until erased by hand), as the hourly check does. Each erasure \
            is recorded with you as its actor. Answers whom it erased.""")
    @ApiResponse(responseCode = "200", description = "Whom it erased, with their workspace and its retention period")
    @PostMapping("/retention")
    List<Retention.Erased> applyRetention() {
        return retention.apply();
    }
}
