package io.insightledger.query.system;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** For administrators: where each projection stands, and rebuilding one or all from the start of the topic. */
@RestController
@RequestMapping("/api/admin/projections")
@RoleRequired(Role.ADMIN)
@Tag(name = "Projections", description = """
        The query side's read models, each built from the topic: where each stands, and rebuilding one or all \
        from the start of the topic.""")
class ProjectionAdminController {

    private static final String REBUILDING = """
            {"name": "hypotheses", "state": "REBUILDING", "position": 0, "end": 48211, "lag": 48211,
             "eventsHandled": 96422, "eventsPerSecond": 0.0, "progress": 0.0,
             "rebuildStartedAt": "2026-03-02T10:00:00.120Z", "deadLetters": 0}""";
    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No projection is known under id hypothesis", "instance": "/api/admin/projections/hypothesis"}""";

    private final ProjectionAdmin admin;

    ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @Operation(summary = "List projections", description = """
            Every projection with its state (RUNNING, REBUILDING, STOPPED, ERROR and why), its position on the \
            topic and lag, events handled and the rate, a rebuild's progress, and its dead letters.""")
    @ApiResponse(responseCode = "200", description = "The projections, as items")
    @GetMapping
    Map<String, List<ProjectionAdmin.Status>> projections() {
        return Map.of("items", admin.statuses());
    }

    @Operation(summary = "Read a projection's state", description = """
            One projection's state, position, lag, rate, rebuild progress and dead letters.""")
    @ApiResponse(responseCode = "200", description = "The projection")
    @ApiResponse(responseCode = "404", description = "No projection of this name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{name}")
    ProjectionAdmin.Status projection(@PathVariable String name) {
        return admin.status(name);
    }

    @Operation(summary = "Rebuild a projection", description = """
            Empties the projection and reads the whole topic into it again, in the background: the answer is its \
            state at once; follow it with GET or on /api/stream. Until it is done, the reads that depend on it \
            answer 503. Asking again while it rebuilds changes nothing. Its dead letters are cleared: a rebuild \
            meets their events again.""")
    @ApiResponse(responseCode = "202", description = "Rebuilding: the projection's state",
            content = @Content(examples = @ExampleObject(REBUILDING)))
    @ApiResponse(responseCode = "404", description = "No projection of this name")
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionAdmin.Status rebuild(@PathVariable String name) {
        return admin.rebuild(name);
    }

    @Operation(summary = "Rebuild every projection", description = """
            Rebuilds every projection, as the rebuild of one does, each in the background; the answer is their \
            states at once. Until each is done, the reads that depend on it answer 503.""")
    @ApiResponse(responseCode = "202", description = "Rebuilding: the projections' states, as items")
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, List<ProjectionAdmin.Status>> rebuildAll() {
        return Map.of("items", admin.names().stream().sorted().map(admin::rebuild).toList());
    }
}
