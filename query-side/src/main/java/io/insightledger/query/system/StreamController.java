package io.insightledger.query.system;

import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Set;

/** {@code GET /api/stream}: server-sent events, one {@code change} per projected change. */
@RestController
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Changes", description = "Server-sent events that tell a dashboard what to read again")
class StreamController {

    private static final String CHANGE = """
            event: change
            data: {"projection": "hypotheses", "aggregateId": "h-rotation", "version": 6, "workspace": "payments"}
            """;
    private static final String TOO_MANY = """
            {"type": "https://insight-ledger.io/problems/StreamConnectionsWithinLimit",
             "title": "StreamConnectionsWithinLimit", "status": 503, "rule": "StreamConnectionsWithinLimit",
             "detail": "The change stream serves 200 clients already; connect again in a moment", "limit": 200}""";

    private final ProjectionChanges changes;
    private final CurrentMemberships memberships;

    StreamController(ProjectionChanges changes, CurrentMemberships memberships) {
        this.changes = changes;
        this.memberships = memberships;
    }

    @Operation(summary = "Follow changes as they are projected", description = """
            A stream of server-sent events: a `change` for each change projected (which projection, which meeting \
            or hypothesis, its version after the change, its workspace and, for a meeting, those of your \
            workspaces it is shared with), and the state of a projection when it starts or ends a rebuild. Only \
            changes in your workspaces, or in the one asked for: a membership given or taken away while you listen \
            counts within a second. Read again what \
            changed instead of polling; after a reconnection, read everything again.""")
    @ApiResponse(responseCode = "200", description = "The stream, open until the client leaves or the server stops it",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(type = "string", description = "Server-sent events"),
                    examples = @ExampleObject(CHANGE)))
    @ApiResponse(responseCode = "503", description = "The stream serves as many clients as it may; connect again "
            + "after Retry-After seconds",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before connecting again",
                    schema = @Schema(type = "integer", example = "5")),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(TOO_MANY)))
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@Parameter(description = ReadScope.WORKSPACE) @RequestParam(required = false)
                      String workspace) {
        ReadScope.of(workspace); // a workspace you are no member of: 404
        Caller caller = CallerAuthentication.current().orElseThrow();
        return changes.subscribe(() -> {
            Set<String> now = memberships.of(caller);
            return workspace == null || workspace.isBlank() ? now
                    : now.contains(workspace) ? Set.of(workspace) : Set.of();
        });
    }
}
