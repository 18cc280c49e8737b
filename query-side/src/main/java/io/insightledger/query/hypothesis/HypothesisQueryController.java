package io.insightledger.query.hypothesis;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.platform.web.Storable;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.ReadsProjections;
import io.insightledger.query.system.ReadYourWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The board, a hypothesis, its timeline and its evolution; each as it stands now or, with {@code asOf}, as it stood
 * then. Now is read from the stored fold, the past is folded on demand: the same fold, so the same answer. Only
 * hypotheses of the caller's workspaces exist here: the queries say so, and the reads pool's policies again.
 */
@RestController
@RequestMapping("/api/hypotheses")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Hypotheses", description = """
        The board of hypotheses, each hypothesis with its evidence, confidence and decisions, its timeline and its \
        evolution; now, or as they stood at any past instant (asOf).""")
@ReadsProjections
class HypothesisQueryController {

    private static final String AS_OF = """
            An instant (ISO-8601, from 1900 to 9999): answer as things stood then, folded from the history, instead \
            of now.""";
    private static final String BOARD = """
            {"items": [{"id": "h-rotation", "workspace": "payments", "title": "Keys rotate themselves",
                        "status": "OPEN", "category": "DESIRABILITY", "owner": "sam", "tags": ["security"], "segments": ["bank"],
                        "confidence": 0.72, "supportingCount": 3, "contradictingCount": 1, "organizationCount": 3,
                        "evidenceSegments": ["bank"], "flags": [], "proposedAt": "2026-02-02T09:00:00Z",
                        "lastActivityAt": "2026-03-02T10:05:00Z", "version": 5}],
             "page": 0, "size": 20, "totalItems": 1, "totalPages": 1}""";
    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No hypothesis is known under id h-rotation", "instance": "/api/hypotheses/h-rotation"}""";

    private final StoredBoard board;
    private final HypothesisJournal journal;
    private final ProjectionAdmin projections;
    private final ReadYourWrites readYourWrites;
    private final Duration staleAfter;

    HypothesisQueryController(StoredBoard board, @Qualifier("reads") HypothesisJournal journal,
                              ProjectionAdmin projections, ReadYourWrites readYourWrites,
                              @Value("${insight.projections.stale-after}") Duration staleAfter) {
        this.board = board;
        this.journal = journal;
        this.projections = projections;
        this.readYourWrites = readYourWrites;
        this.staleAfter = staleAfter;
    }

    @Operation(summary = "The board of hypotheses", description = """
            A page of hypotheses with their status, confidence, evidence counts and flags (AT_RISK, STALE, \
            SINGLE_SOURCE): filtered by status, category, tag, owner, segment (their own or their evidence's), \
            text in title or statement and flag; ordered by confidence, last activity (the default) or creation. \
            With asOf, the board as it stood then. Only hypotheses of your workspaces, or of the one asked for; \
            each names its workspace.""")
    @ApiResponse(responseCode = "200", description = "A page of the board",
            content = @Content(examples = @ExampleObject(BOARD)))
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    PageResponse<BoardRow> board(@Valid @ParameterObject BoardQuery query, @Valid @ParameterObject PageRequest page,
                                 @Parameter(description = AS_OF) @RequestParam(required = false)
                                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                                 @Parameter(description = ReadScope.WORKSPACE) @RequestParam(required = false)
                                 String workspace) {
        ReadScope scope = ReadScope.of(workspace);
        projections.requireReady(HypothesisProjection.NAME);
        query.sorting();
        Storable.requireQueryable("asOf", asOf);
        return asOf == null ? board.page(query, page, scope) : boardAsOf(query, page, asOf, scope);
    }

    private PageResponse<BoardRow> boardAsOf(BoardQuery query, PageRequest page, Instant asOf, ReadScope scope) {
        Map<String, List<JournalEntry>> histories = journal.allUpTo(asOf, scope.array());
        Map<String, MeetingFact> meetings = journal.meetings(histories.values());
        List<HypothesisState> matching = histories.values().stream()
                .map(entries -> HypothesisFold.asOf(entries.stream(), meetings, staleAfter, asOf))
                .flatMap(Optional::stream)
                .filter(query::matches)
                .toList();
        return PageResponse.of(query.sortAndPage(matching, page).stream().map(BoardRow::of).toList(), page,
                matching.size());
    }

    @Operation(summary = "A hypothesis, with its evidence and decisions", description = """
            Everything known about one hypothesis: its wording and revisions, the evidence linked to it (and \
            whether each still counts), its confidence and what makes it up, its decisions and its flags. With \
            asOf, as it stood then; with minVersion, no older than your last command on it.""")
    @ApiResponse(responseCode = "200", description = "The hypothesis")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id in your workspaces (yet: the "
            + "projection may be catching up), or none had been proposed under it at asOf",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}")
    HypothesisState hypothesis(@PathVariable String id,
                               @Parameter(description = AS_OF) @RequestParam(required = false)
                               @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                               @Parameter(description = ReadYourWrites.MIN_VERSION) @RequestParam(required = false)
                               Long minVersion) {
        Storable.requireQueryable("asOf", asOf);
        String[] workspaces = ReadScope.of(null).array();
        projections.requireReady(HypothesisProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> board.version(id, workspaces));
        if (asOf != null) {
            return journal.inOneSnapshot(() -> {
                Map<String, MeetingFact> meetings = journal.meetingsCitedBy(id);
                try (Stream<JournalEntry> entries = journal.entries(id, asOf, workspaces)) {
                    return HypothesisFold.asOf(entries, meetings, staleAfter, asOf);
                }
            }).orElseThrow(() -> new NotFoundException("hypothesis", id + " as of " + asOf));
        }
        return board.state(id, workspaces).orElseThrow(() -> new NotFoundException("hypothesis", id));
    }

    @Operation(summary = "A hypothesis's timeline", description = """
            Every event of the hypothesis, oldest first, a page at a time: proposed, revised, evidence linked and \
            withdrawn, decided, reopened, pivoted; each with who did it, when, and the confidence after it.""")
    @ApiResponse(responseCode = "200", description = "A page of the timeline")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id in your workspaces",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}/timeline")
    PageResponse<History.TimelineItem> timeline(@PathVariable String id, @Valid @ParameterObject PageRequest page,
                                                @Parameter(description = ReadYourWrites.MIN_VERSION)
                                                @RequestParam(required = false) Long minVersion) {
        projections.requireReady(HypothesisProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> board.version(id, ReadScope.of(null).array()));
        return history(id, page, History.TimelineItem::of);
    }

    @Operation(summary = "A hypothesis's evolution", description = """
            The successive states of the idea, one per event, oldest first: the whole hypothesis after each step, \
            for stepping through how its wording, evidence and confidence changed.""")
    @ApiResponse(responseCode = "200", description = "A page of the steps")
    @ApiResponse(responseCode = "404", description = "No hypothesis under this id in your workspaces",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}/evolution")
    PageResponse<History.Step> evolution(@PathVariable String id, @Valid @ParameterObject PageRequest page) {
        projections.requireReady(HypothesisProjection.NAME);
        return history(id, page, Function.identity());
    }

    /** A page of the history, folded as the journal streams in, up to the page's last step and no further. */
    private <T> PageResponse<T> history(String id, PageRequest page, Function<History.Step, T> item) {
        String[] workspaces = ReadScope.of(null).array();
        return journal.inOneSnapshot(() -> {
            long length = journal.length(id, workspaces);
            if (length == 0) {
                throw new NotFoundException("hypothesis", id);
            }
            Map<String, MeetingFact> meetings = journal.meetingsCitedBy(id);
            try (Stream<JournalEntry> entries = journal.entries(id, null, workspaces)) {
                return PageResponse.of(History.page(entries, meetings, staleAfter, page.offset(), page.size(), item),
                        page, length);
            }
        });
    }
}
