package io.insightledger.command.workspace;

import io.insightledger.platform.identity.IdentityEvent;
import io.insightledger.platform.identity.IdentityHistory;
import io.insightledger.platform.identity.Workspaces.Member;
import io.insightledger.platform.identity.Workspaces.Workspace;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The workspaces of this installation and their members, managed by ADMINs; every change is kept in the workspace's
 * history. Workspaces are never deleted: their records, and who could act there, stay on the record.
 */
@RestController
@RoleRequired(Role.ADMIN)
@Tag(name = "Workspaces", description = """
        Each team's own space: everything recorded belongs to exactly one workspace, and a user acts there with \
        the role of their membership. An ADMIN of the installation is no member of a workspace unless added. \
        Workspaces are never deleted; every change is an event with who made it and when.""")
class WorkspaceController {

    private static final String CREATE = """
            {"id": "growth", "name": "Growth team", "description": "Pricing and onboarding experiments"}""";
    private static final String RETENTION = """
            {"months": 24}""";
    private static final String REVISE = """
            {"name": "Growth and retention", "description": "Pricing, onboarding and churn experiments"}""";
    private static final String MEMBERSHIP = """
            {"role": "CONTRIBUTOR"}""";
    private static final String ID_TAKEN = """
            {"type": "https://insight-ledger.io/problems/WorkspaceIdTaken", "title": "WorkspaceIdTaken", "status": 409,
             "rule": "WorkspaceIdTaken", "detail": "A workspace with the id growth exists",
             "errors": [{"field": "id", "rule": "WorkspaceIdTaken", "message": "A workspace with the id growth exists"}]}""";
    private static final String BAD_ID = """
            {"type": "https://insight-ledger.io/problems/invalid-input", "title": "Invalid input", "status": 400,
             "detail": "id: must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter or digit",
             "errors": [{"field": "id", "rule": "Pattern", "message": "must be 2 to 40 lower-case letters, digits or \
            hyphens, starting with a letter or digit"}]}""";
    private static final String NO_WORKSPACE = """
            {"type": "https://insight-ledger.io/problems/WorkspaceMustExist", "title": "WorkspaceMustExist",
             "status": 404, "rule": "WorkspaceMustExist", "detail": "No workspace has the id growth"}""";
    private static final String NO_USER = """
            {"type": "https://insight-ledger.io/problems/UserNotFound", "title": "UserNotFound", "status": 404,
             "rule": "UserNotFound", "detail": "No user is named kim"}""";

    private final WorkspaceAdministration administration;

    WorkspaceController(WorkspaceAdministration administration) {
        this.administration = administration;
    }

    @Operation(summary = "List your workspaces", description = """
            The workspaces you are a member of (id, name, description), with your role in each: the ones a form may \
            create in and a meeting may be shared with. Other teams' workspaces stay unnamed, like everything in \
            them; ask an ADMIN for the id of one to share a meeting with. An ADMIN of the installation sees every \
            workspace, with null as the role where not a member (an ADMIN is a member only where added).""")
    @ApiResponse(responseCode = "200", description = "The workspaces, by id")
    @GetMapping("/api/workspaces")
    @RoleRequired(Role.VIEWER)
    List<WorkspaceAdministration.Listed> directory(CallerAuthentication caller) {
        return administration.directory(caller.caller());
    }

    @Operation(summary = "Create a workspace", description = """
            Creates an empty workspace with no members (add them, the creator included, with PUT \
            .../members/{user}). The id is 2 to 40 lower-case letters, digits or hyphens and is for ever: it is \
            in every record of the workspace. The name has 1 to 100 characters, the description at most 1000.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(CREATE))))
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A field breaks its rule (the id's pattern, the name's length)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(BAD_ID)))
    @ApiResponse(responseCode = "409", description = "The id is taken (WorkspaceIdTaken)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(ID_TAKEN)))
    @PostMapping("/api/admin/workspaces")
    @ResponseStatus(HttpStatus.CREATED)
    Workspace create(@Valid @RequestBody WorkspaceRequests.CreateWorkspaceRequest request) {
        return administration.create(request);
    }

    @Operation(summary = "Rename or describe a workspace", description = """
            Sets the workspace's name and description; its id stays. The same name and description again change \
            nothing and record nothing.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(REVISE))))
    @ApiResponse(responseCode = "200", description = "The workspace as it is now")
    @ApiResponse(responseCode = "404", description = "No such workspace (WorkspaceMustExist)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @PutMapping("/api/admin/workspaces/{id}")
    Workspace revise(@PathVariable String id, @Valid @RequestBody WorkspaceRequests.ReviseWorkspaceRequest request) {
        return administration.revise(id, request);
    }

    @Operation(summary = "Set how long a workspace keeps people", description = """
            The workspace's retention period: everyone whom no meeting of the workspace has named for this many months \
            (by when the meeting took place) is erased, by the hourly check or by `POST /api/people/retention`, as \
            `POST /api/people/{id}/erasure` would (docs/privacy.md). `null` returns the workspace to the \
            installation's default (`INSIGHT_RETENTION_MONTHS`; 0 there keeps people until erased by hand). The same \
            period again records nothing.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(RETENTION))))
    @ApiResponse(responseCode = "200", description = "The workspace as it is now, with `retentionMonths`")
    @ApiResponse(responseCode = "400", description = "Months outside 1 to 1200",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No such workspace (WorkspaceMustExist)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @PutMapping("/api/admin/workspaces/{id}/retention")
    Workspace setRetention(@PathVariable String id,
                           @Valid @RequestBody WorkspaceRequests.RetentionRequest request) {
        return administration.setRetention(id, request);
    }

    @Operation(summary = "List a workspace's members", description = "Every member: name, role there, since when.")
    @ApiResponse(responseCode = "200", description = "The members, by name")
    @ApiResponse(responseCode = "404", description = "No such workspace (WorkspaceMustExist)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @GetMapping("/api/admin/workspaces/{id}/members")
    List<Member> members(@PathVariable String id) {
        return administration.members(id);
    }

    @Operation(summary = "Who was a member at an instant", description = """
            The workspace's members at `instant` with their role there, folded from its history: "who could \
            decide in growth on 1 March?".""")
    @ApiResponse(responseCode = "200", description = "The members as they stood then, by name")
    @ApiResponse(responseCode = "404", description = "No such workspace (WorkspaceMustExist)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @GetMapping("/api/admin/workspaces/{id}/members-at")
    List<IdentityHistory.MemberAsOf> membersAt(@PathVariable String id, @RequestParam Instant instant) {
        return administration.membersAt(id, instant);
    }

    @Operation(summary = "Add a member or change their role", description = """
            Makes the user a member of the workspace with the role: adds them, or changes the role they have \
            there. The same role again changes nothing. Their tokens act with it within the token re-check time \
            (half a second by default).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(MEMBERSHIP))))
    @ApiResponse(responseCode = "200", description = "The membership as it is now")
    @ApiResponse(responseCode = "404", description = """
            No such workspace (WorkspaceMustExist) or user (UserNotFound)""",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_USER)))
    @PutMapping("/api/admin/workspaces/{id}/members/{user}")
    Member putMember(@PathVariable String id, @PathVariable String user,
                     @Valid @RequestBody WorkspaceRequests.MembershipRequest request) {
        return administration.putMember(id, user, request.role());
    }

    @Operation(summary = "Remove a member", description = """
            The user is no member of the workspace any more: within the token re-check time, what is recorded \
            there is hidden from them. Removing a user who is no member changes nothing.""")
    @ApiResponse(responseCode = "204", description = "Not a member (any more)")
    @ApiResponse(responseCode = "404", description = """
            No such workspace (WorkspaceMustExist) or user (UserNotFound)""",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @DeleteMapping("/api/admin/workspaces/{id}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable String id, @PathVariable String user) {
        administration.removeMember(id, user);
    }

    @Operation(summary = "A workspace's history", description = """
            Every change to the workspace, oldest first: created, revised, members added, their roles changed, \
            removed; each with who did it, when, and the request's correlation id.""")
    @ApiResponse(responseCode = "200", description = "The workspace's events")
    @ApiResponse(responseCode = "404", description = "No such workspace (WorkspaceMustExist)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @GetMapping("/api/admin/workspaces/{id}/history")
    List<IdentityEvent.Recorded> history(@PathVariable String id) {
        return administration.history(id);
    }
}
