package io.insightledger.command.reconciliation;

import io.insightledger.command.reconciliation.ReconciliationStatus.Trigger;
import io.insightledger.command.system.RuleViolationException;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.Principal;

/** For administrators: bringing the topic back in line with the event store, and following it. */
@RestController
@RequestMapping(ReconciliationController.PATH)
@Tag(name = "Reconciliation", description = "The event store is the source of truth: republish what the topic lacks")
@RoleRequired(Role.ADMIN)
class ReconciliationController {

    static final String PATH = "/api/admin/reconciliation";

    private static final String RUNNING = """
            {"id": "5f0c2a51-7d1e-4b8e-9a40-2f4f7b0c9e11", "trigger": "REQUESTED", "requestedBy": "demo",
             "state": "RUNNING", "phase": "READING_TOPIC", "progress": {"done": 0, "total": 48211, "percent": 0},
             "startedAt": "2026-03-02T10:00:00.120Z",
             "report": {"eventsInStore": 0, "eventsOnTopic": 0, "duplicatesOnTopic": 0, "unreadableRecords": 0,
                        "unknownToStore": 0, "leftToPublisher": 0, "missing": 0, "republished": 0,
                        "durationMillis": 3}}""";
    private static final String DONE = """
            {"id": "5f0c2a51-7d1e-4b8e-9a40-2f4f7b0c9e11", "trigger": "REQUESTED", "requestedBy": "demo",
             "state": "DONE", "phase": "REPUBLISHING", "progress": {"done": 312, "total": 312, "percent": 100},
             "startedAt": "2026-03-02T10:00:00.120Z", "finishedAt": "2026-03-02T10:00:02.904Z",
             "report": {"eventsInStore": 48020, "eventsOnTopic": 47708, "duplicatesOnTopic": 191,
                        "unreadableRecords": 0, "unknownToStore": 0, "leftToPublisher": 0, "missing": 312,
                        "republished": 312, "durationMillis": 2784}}""";
    private static final String ALREADY_RUNNING = """
            {"type": "https://insight-ledger.io/problems/ReconciliationRunning", "title": "ReconciliationRunning",
             "status": 409, "rule": "ReconciliationRunning",
             "detail":
               "A reconciliation is running (READING_STORE, 40%); follow it with GET /api/admin/reconciliation"}""";
    private static final String NONE_YET = """
            {"type": "https://insight-ledger.io/problems/NoReconciliation", "title": "NoReconciliation",
             "status": 404, "rule": "NoReconciliation",
             "detail": "No reconciliation has run since the command side started"}""";

    private final Reconciliations reconciliations;

    ReconciliationController(Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
    }

    @PostMapping
    @Operation(summary = "Reconcile the topic with the event store", description = """
            Reads every event envelope on the topic and every event in the event store, and republishes,
            in (aggregate, sequence number) order and acknowledged by the broker, each stored event the publisher had
            passed that the topic lacks. Stored events the publisher has not reached yet are left to it. Runs in the
            background: the answer is its status at once; follow it with GET. Running it again republishes nothing
            more. One runs at a time; the command side also runs one by itself when it starts after an unclean stop.
            Republished events come after newer events of the same aggregate on the topic.""")
    @ApiResponse(responseCode = "202", description = "Started; its status, to follow at the Location",
            content = @Content(schema = @Schema(implementation = ReconciliationStatus.class),
                    examples = @ExampleObject(RUNNING)))
    @ApiResponse(responseCode = "409", description = "A reconciliation is running already",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ALREADY_RUNNING)))
    ResponseEntity<ReconciliationStatus> start(Principal administrator) {
        Reconciliation run = reconciliations.start(Trigger.REQUESTED, administrator.getName());
        return ResponseEntity.accepted().location(URI.create(PATH)).body(run.status());
    }

    @GetMapping
    @Operation(summary = "The running reconciliation, or the last one", description = """
            While one runs: its phase (READING_TOPIC, READING_STORE, REPUBLISHING) and how far it is,
            with the figures found so far. Once ended (DONE or FAILED): its report. Only reconciliations since the
            command side started are known.""")
    @ApiResponse(responseCode = "200", description = "Its status",
            content = @Content(schema = @Schema(implementation = ReconciliationStatus.class),
                    examples = @ExampleObject(DONE)))
    @ApiResponse(responseCode = "404", description = "None has run since the command side started",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NONE_YET)))
    ReconciliationStatus status() {
        return reconciliations.last()
                .map(Reconciliation::status)
                .orElseThrow(() -> RuleViolationException.notFound("NoReconciliation",
                        "No reconciliation has run since the command side started"));
    }
}
