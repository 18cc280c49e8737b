package io.insightledger.query.meeting;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.Period;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
import io.insightledger.query.system.ReadYourWrites;
import io.insightledger.query.system.ReadsProjections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/meetings")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Meetings", description = """
        The customer meetings recorded, with their observations and the hypotheses each served as evidence for: \
        those of your workspaces, and those shared with them (read-only).""")
@ReadsProjections
class MeetingQueryController {

    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No meeting is known under id m-acme-1", "instance": "/api/meetings/m-acme-1"}""";

    /**
     * One meeting in a list.
     *
     * @param sharedWith    see {@link MeetingView#sharedWith()}
     * @param evidenceCount citations from the caller's workspaces only
     */
    record MeetingSummary(String id, String workspace, List<String> sharedWith, String title, Instant occurredAt,
                          String organization, String segment, String channel, List<String> tags,
                          int observationCount, int evidenceCount, boolean retracted) {
    }

    /** A hypothesis the meeting served as evidence for, and the workspace of that hypothesis. */
    record ServedAsEvidence(String hypothesisId, String workspace, String hypothesisTitle, String evidenceId,
                            String observationId, String direction, String strength, Instant linkedAt,
                            Instant withdrawnAt) {
    }

    private final MeetingReads reads;
    private final ProjectionAdmin projections;
    private final ReadYourWrites readYourWrites;

    MeetingQueryController(MeetingReads reads, ProjectionAdmin projections, ReadYourWrites readYourWrites) {
        this.reads = reads;
        this.projections = projections;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "List meetings", description = """
            Meetings, most recent first, a page at a time: each with its workspace (and the workspaces it is shared \
            with), organisation, segment, channel, tags, how many observations it holds and how much evidence it \
            gave to hypotheses of your workspaces (withdrawn evidence not counted), and whether it was retracted. \
            The meetings of your workspaces and those shared with them, or of the one workspace asked for; \
            filtered by organisation, segment, tag and the period the meeting took place in.""")
    @ApiResponse(responseCode = "200", description = "A page of meetings")
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    PageResponse<MeetingSummary> meetings(@Parameter(description = "Only meetings with this organisation")
                                          @RequestParam(required = false) String organization,
                                          @Parameter(description = "Only meetings in this customer segment")
                                          @RequestParam(required = false) String segment,
                                          @Parameter(description = "Only meetings with this tag")
                                          @RequestParam(required = false) String tag,
                                          @Parameter(description = ReadScope.WORKSPACE)
                                          @RequestParam(required = false) String workspace,
                                          @Valid @ParameterObject Period period,
                                          @Valid @ParameterObject PageRequest page) {
        ReadScope scope = ReadScope.of(workspace);
        projections.requireReady(MeetingProjection.NAME);
        return reads.page(scope, organization, segment, tag, period, page);
    }

    @Operation(summary = "A meeting, with its observations and the evidence it gave", description = """
            One meeting: its workspace and those it is shared with, who attended, its notes, its observations (each \
            with who captured it and when it was last revised), the hypotheses of your workspaces it served as \
            evidence for (withdrawn evidence included, with when), whether it was retracted and why, and its \
            version. A meeting of another workspace is readable while it is shared with one of yours.""")
    @ApiResponse(responseCode = "200", description = "The meeting")
    @ApiResponse(responseCode = "404", description = "No meeting under this id that you may read (yet: the projection "
            + "may be catching up; ask with minVersion after recording it)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{id}")
    MeetingView meeting(@PathVariable String id, @Parameter(description = ReadYourWrites.MIN_VERSION)
                        @RequestParam(required = false) Long minVersion) {
        ReadScope scope = ReadScope.of(null);
        projections.requireReady(MeetingProjection.NAME);
        readYourWrites.awaitVersion(minVersion, () -> reads.version(id, scope));
        return reads.meeting(id, scope).orElseThrow(() -> new NotFoundException("meeting", id));
    }
}
