package io.insightledger.command.identity;

import io.insightledger.platform.identity.IdentityEvent;
import io.insightledger.platform.identity.IdentityHistory;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** The users of this installation, managed by ADMINs; every change is kept in the user's history. */
@RestController
@RequestMapping("/api/admin/users")
@RoleRequired(Role.ADMIN)
@Tag(name = "Users", description = """
        The people who may sign in and their roles. Every change is an event with who made it and when, so an \
        auditor can ask who could decide at any instant.""")
class UserController {

    private static final String CREATE = """
            {"name": "sam", "role": "CONTRIBUTOR", "password": "a long passphrase", "email": "sam@example.com",
             "workspaces": {"default": "VIEWER", "growth": "CONTRIBUTOR"}}""";
    private static final String NO_WORKSPACE = """
            {"type": "https://insight-ledger.io/problems/WorkspaceMustExist", "title": "WorkspaceMustExist",
             "status": 422, "rule": "WorkspaceMustExist", "detail": "No workspace has the id growth",
             "errors": [{"field": "workspaces", "rule": "WorkspaceMustExist",
                         "message": "No workspace has the id growth"}]}""";
    private static final String LAST_ADMIN = """
            {"type": "https://insight-ledger.io/problems/AtLeastOneAdmin", "title": "AtLeastOneAdmin", "status": 409,
             "rule": "AtLeastOneAdmin", "detail": "admin is the last enabled ADMIN; make another ADMIN first"}""";
    private static final String NO_USER = """
            {"type": "https://insight-ledger.io/problems/UserNotFound", "title": "UserNotFound", "status": 404,
             "rule": "UserNotFound", "detail": "No user is named kim"}""";

    private final UserAdministration administration;
    private final UserAccounts users;
    private final IdentityHistory history;

    UserController(UserAdministration administration, UserAccounts users, IdentityHistory history) {
        this.administration = administration;
        this.users = users;
        this.history = history;
    }

    @Operation(summary = "List users", description = "Every user: name, role, whether they may sign in, e-mail.")
    @ApiResponse(responseCode = "200", description = "The users, by name")
    @GetMapping
    List<UserAccount> all() {
        return users.all();
    }

    /** Who held which role at an instant, and whether they could sign in then: "who could decide on 1 March?" */
    @Operation(summary = "Who held which role at an instant", description = """
            Everyone's role at `instant` and whether they could sign in then, folded from the users' histories: \
            "who could decide on 1 March?".""")
    @ApiResponse(responseCode = "200", description = "The users as they stood then")
    @GetMapping("/roles-at")
    List<IdentityHistory.UserAsOf> rolesAt(@RequestParam Instant instant) {
        return history.usersAt(instant);
    }

    @Operation(summary = "Add a user", description = """
            Adds a person with a role and a first password (12 characters to 72 bytes; they should change it). \
            Names are lower-case letters, digits and . _ @ -. `workspaces` makes them a member of exactly those \
            workspaces, each with its role (`{}`: none yet); without it they join `default` with `role`, as before \
            workspaces existed. Their own `role` only says whether they administer the installation (ADMIN).""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(CREATE))))
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "409", description = "The name is taken (UserNameTaken)")
    @ApiResponse(responseCode = "422", description = """
            The password is too short or too long (PasswordLength), or `workspaces` names a workspace that does not \
            exist (WorkspaceMustExist)""",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NO_WORKSPACE)))
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount create(@Valid @RequestBody IdentityRequests.CreateUserRequest request) {
        return administration.create(request);
    }

    @Operation(summary = "Change a user's role", description = """
            Gives the user another role; their tokens act with it from the next second on. The last enabled ADMIN \
            keeps the role.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject("{\"role\": \"DECIDER\"}"))))
    @ApiResponse(responseCode = "200", description = "The user with the new role")
    @ApiResponse(responseCode = "404", description = "No such user (UserNotFound)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(NO_USER)))
    @ApiResponse(responseCode = "409", description = "The last enabled ADMIN (AtLeastOneAdmin)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(LAST_ADMIN)))
    @PutMapping("/{name}/role")
    UserAccount changeRole(@PathVariable String name, @Valid @RequestBody IdentityRequests.ChangeRoleRequest request) {
        return administration.changeRole(name, request.role());
    }

    @Operation(summary = "Disable a user", description = """
            The user can no longer sign in; their web sessions end and their tokens are refused until they are \
            enabled again. The last enabled ADMIN cannot be disabled.""")
    @ApiResponse(responseCode = "200", description = "The user, disabled")
    @ApiResponse(responseCode = "404", description = "No such user (UserNotFound)")
    @ApiResponse(responseCode = "409", description = "The last enabled ADMIN (AtLeastOneAdmin)")
    @PostMapping("/{name}/disable")
    UserAccount disable(@PathVariable String name) {
        return administration.setEnabled(name, false);
    }

    @Operation(summary = "Enable a user", description = "The user may sign in again, and their tokens work again.")
    @ApiResponse(responseCode = "200", description = "The user, enabled")
    @ApiResponse(responseCode = "404", description = "No such user (UserNotFound)")
    @PostMapping("/{name}/enable")
    UserAccount enable(@PathVariable String name) {
        return administration.setEnabled(name, true);
    }

    @Operation(summary = "Reset a user's password", description = """
            Sets a new password (12 characters to 72 bytes); the user's web sessions end.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject("{\"password\": \"another long passphrase\"}"))))
    @ApiResponse(responseCode = "204", description = "Set")
    @ApiResponse(responseCode = "404", description = "No such user (UserNotFound)")
    @ApiResponse(responseCode = "422", description = "The password is too short or too long (PasswordLength)")
    @PostMapping("/{name}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String name, @Valid @RequestBody IdentityRequests.ResetPasswordRequest request) {
        administration.resetPassword(name, request.password());
    }

    @Operation(summary = "A user's history", description = """
            Every change to the user, oldest first: created, role changed, disabled, enabled, password reset, \
            token made or revoked, each with who did it, when, and the request's correlation id.""")
    @ApiResponse(responseCode = "200", description = "The user's events")
    @ApiResponse(responseCode = "404", description = "No such user (UserNotFound)")
    @GetMapping("/{name}/history")
    List<IdentityEvent.Recorded> history(@PathVariable String name) {
        administration.existing(name);
        return history.of(name);
    }
}
