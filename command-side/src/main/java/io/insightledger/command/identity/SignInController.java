package io.insightledger.command.identity;

import io.insightledger.platform.identity.ApiTokens.IssuedToken;
import io.insightledger.platform.identity.Memberships;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.OpenToAnyone;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signing in with a password, for the web app: it keeps the session's token on the server and relays it to the APIs
 * on the user's behalf. Scripts use personal API tokens instead.
 */
@RestController
@Tag(name = "Signing in", description = """
        Web sessions: the web app signs a person in with their password and keeps the session's token on the \
        server. Scripts use personal API tokens (Tokens) instead.""")
class SignInController {

    private static final String SIGN_IN = """
            {"name": "sam", "password": "a long passphrase"}""";
    private static final String WRONG = """
            {"type": "https://insight-ledger.io/problems/WrongNameOrPassword", "title": "WrongNameOrPassword",
             "status": 401, "rule": "WrongNameOrPassword",
             "detail": "The name or the password is wrong, or the user is disabled"}""";
    private static final String THROTTLED = """
            {"type": "https://insight-ledger.io/problems/Throttled", "title": "Throttled", "status": 429,
             "detail": "Too many failed attempts; try again in 4 s", "retryAfterSeconds": 4}""";

    private final UserAdministration administration;
    private final Memberships memberships;

    SignInController(UserAdministration administration, Memberships memberships) {
        this.administration = administration;
        this.memberships = memberships;
    }

    record Session(String token, Instant expiresAt, Me user) {
    }

    /**
     * @param role       their own role: ADMIN administers the installation, and means nothing inside a workspace
     * @param workspaces the workspaces they are a member of, with the role they act with in each
     */
    record Me(String name, Role role, String scope, Map<String, Role> workspaces) {

        Me {
            workspaces = new TreeMap<>(workspaces);
        }
    }

    @Operation(summary = "Sign in with a password", description = """
            Checks a person's name and password and answers a web session's token, which the web app keeps on the \
            server and relays to the APIs for them; it lives at most 12 hours and ends at sign-out. After five \
            failures in a row for a name or from an address, each further one blocks them for a while (doubling up \
            to 15 minutes): 429 with Retry-After, answered before any password is checked.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(SIGN_IN))))
    @ApiResponse(responseCode = "201", description = "Signed in: the session's token, its expiry and who it is")
    @ApiResponse(responseCode = "401", description = "The name or the password is wrong, or the user is disabled",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, examples = @ExampleObject(WRONG)))
    @ApiResponse(responseCode = "429", description = "Too many failures for this name or from this address",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(THROTTLED)))
    @PostMapping("/api/auth/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @OpenToAnyone
    Session signIn(@Valid @RequestBody IdentityRequests.SignInRequest request, HttpServletRequest http) {
        IssuedToken issued = administration.signIn(request.name(), request.password(), http.getRemoteAddr());
        return new Session(issued.secret(), issued.token().expiresAt(),
                new Me(request.name(), administration.existing(request.name()).role(), TokenScope.SESSION.name(),
                        memberships.of(request.name(), TokenScope.SESSION)));
    }

    @Operation(summary = "Sign out", description = """
            Ends the web session whose token this request carries: the token is refused from then on.""")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @ApiResponse(responseCode = "422", description = "The credential is not a web session's token (NotASession)")
    @DeleteMapping("/api/auth/sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.VIEWER)
    void signOut(CallerAuthentication caller) {
        administration.endSession(caller.caller());
    }

    @Operation(summary = "Who am I", description = """
            The name and own role the credential of this request acts with, its scope, and the workspaces the \
            caller is a member of with the role they act with in each: a READ token acts as a VIEWER everywhere, \
            whatever its owner's roles. A membership change shows here within the token re-check time.""")
    @ApiResponse(responseCode = "200", description = "The caller")
    @GetMapping("/api/me")
    @RoleRequired(Role.VIEWER)
    Me me(CallerAuthentication caller) {
        return new Me(caller.getName(), caller.caller().role().orElseThrow(), caller.caller().scope().name(),
                caller.caller().workspaces());
    }
}
