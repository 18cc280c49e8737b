package io.insightledger.query.organization;

import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import io.insightledger.query.organization.Organizations.Organization;
import io.insightledger.query.organization.Organizations.OrganizationDetail;
import io.insightledger.query.system.NotFoundException;
import io.insightledger.query.system.PageRequest;
import io.insightledger.query.system.PageResponse;
import io.insightledger.query.system.ProjectionAdmin;
import io.insightledger.query.system.ReadScope;
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

import java.util.List;

/** The customers behind the evidence: whom we met, when we last spoke, and which ideas they moved. */
@RestController
@RequestMapping("/api/organizations")
@WorkspaceRoleRequired(Role.VIEWER)
@Tag(name = "Organizations", description = """
        The customers behind the evidence: whom we met, when we last spoke, and which hypotheses they moved; from \
        the meetings of your workspaces only (a meeting shared with you counts for its own workspace, not yours).""")
@ReadsProjections
class OrganizationController {

    private static final String UNKNOWN = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "No organization is known under id Acme", "instance": "/api/organizations/Acme"}""";

    private final Organizations organizations;
    private final ProjectionAdmin projections;

    OrganizationController(Organizations organizations, ProjectionAdmin projections) {
        this.organizations = organizations;
        this.projections = projections;
    }

    @Operation(summary = "List organisations", description = """
            The organisations met, most recently met first: their segments, how many meetings, first and last \
            contact, how much evidence they gave and how many hypotheses it influenced. Retracted meetings and \
            withdrawn evidence do not count. Counted from the meetings of your workspaces, or of the one asked for, \
            and the evidence hypotheses there took from them; each names the workspaces whose meetings met it. A \
            meeting shared with your workspace counts for its own workspace only, not here.""")
    @ApiResponse(responseCode = "200", description = "A page of organisations")
    @ApiResponse(responseCode = "404", description = "You are no member of the workspace asked for",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ReadScope.UNKNOWN_WORKSPACE)))
    @GetMapping
    PageResponse<Organization> organizations(@Parameter(description = "Only organisations met in this segment")
                                             @RequestParam(required = false) String segment,
                                             @Parameter(description = ReadScope.WORKSPACE)
                                             @RequestParam(required = false) String workspace,
                                             @Valid @ParameterObject PageRequest page) {
        ReadScope scope = ReadScope.of(workspace);
        projections.names().forEach(projections::requireReady);
        return organizations.page(scope, segment, page);
    }

    @Operation(summary = "An organisation, with its meetings and the hypotheses it moved", description = """
            One organisation's figures, its meetings (newest first, retracted ones marked) and the hypotheses its \
            evidence bears on, with how much supports and how much contradicts each.""")
    @ApiResponse(responseCode = "200", description = "The organisation")
    @ApiResponse(responseCode = "404", description = "No meeting that counts was held with an organisation of this "
            + "name in your workspaces",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(UNKNOWN)))
    @GetMapping("/{name}")
    OrganizationDetail organization(@PathVariable String name) {
        String[] workspaces = ReadScope.of(null).array();
        projections.names().forEach(projections::requireReady);
        return organizations.detail(name, workspaces).orElseThrow(() -> new NotFoundException("organization", name));
    }
}
