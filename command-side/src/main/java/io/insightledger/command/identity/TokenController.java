package io.insightledger.command.identity;

import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.ApiTokens.ApiToken;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Personal API tokens: each user's own, and every token for an ADMIN. */
@RestController
@Tag(name = "Tokens", description = """
        Personal API tokens for scripts, dashboards and services, sent as Authorization: Bearer. A token never does \
        more than its owner may now; only its hash is kept.""")
class TokenController {

    private static final String CREATE = """
            {"name": "weekly dashboard", "scope": "READ", "expiresAt": "2027-03-01T00:00:00Z"}""";
    private static final String NOT_FOUND = """
            {"type": "https://insight-ledger.io/problems/TokenNotFound", "title": "TokenNotFound", "status": 404,
             "rule": "TokenNotFound", "detail": "No token of yours has the id 0b6c1f9e-58f0-4b8e-9a43-3c1d2f0e7a11"}""";

    private final UserAdministration administration;
    private final ApiTokens tokens;

    TokenController(UserAdministration administration, ApiTokens tokens) {
        this.administration = administration;
        this.tokens = tokens;
    }

    /** A token just made, with its secret: shown this once, kept nowhere but as a hash. */
    record CreatedToken(ApiToken token, String secret) {
    }

    @Operation(summary = "List your tokens", description = """
            Your personal tokens, newest first, revoked ones included; never their secrets.""")
    @ApiResponse(responseCode = "200", description = "Your tokens")
    @GetMapping("/api/tokens")
    @RoleRequired(Role.VIEWER)
    List<ApiToken> mine(CallerAuthentication caller) {
        return tokens.personal(Optional.of(caller.getName()));
    }

    @Operation(summary = "Make a token", description = """
            Makes a personal token: scope READ (acts as a VIEWER), READ_WRITE (acts with your role) or METRICS \
            (only the metrics endpoints; ADMINs only). It expires at `expiresAt`, at most a year ahead, 90 days when \
            not given. The answer holds its secret this once: it is kept only as a hash.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    examples = @ExampleObject(CREATE))))
    @ApiResponse(responseCode = "201", description = "Made: the token and its secret, shown this once")
    @ApiResponse(responseCode = "403", description = "A METRICS token asked for by someone who is not an ADMIN "
            + "(TokenScopeAllowed)")
    @ApiResponse(responseCode = "422", description = "A SESSION scope (TokenScopeAllowed), or an expiry more than "
            + "a year ahead (TokenLifetime)")
    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @RoleRequired(Role.VIEWER)
    CreatedToken create(CallerAuthentication caller, @Valid @RequestBody IdentityRequests.CreateTokenRequest request) {
        ApiTokens.IssuedToken issued = administration.createToken(caller.caller(), request);
        return new CreatedToken(issued.token(), issued.secret());
    }

    @Operation(summary = "Revoke one of your tokens", description = """
            Revokes a token of yours: both APIs refuse it within a second. Revoking it again changes nothing.""")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "You have no token with this id (TokenNotFound)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    examples = @ExampleObject(NOT_FOUND)))
    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.VIEWER)
    void revoke(CallerAuthentication caller, @PathVariable UUID id) {
        administration.revokeOwnToken(caller.caller(), id);
    }

    @Operation(summary = "List every token", description = """
            Every personal token of every user (or of `user`), newest first; never their secrets.""")
    @ApiResponse(responseCode = "200", description = "The tokens")
    @GetMapping("/api/admin/tokens")
    @RoleRequired(Role.ADMIN)
    List<ApiToken> all(@RequestParam Optional<String> user) {
        return tokens.personal(user);
    }

    @Operation(summary = "Revoke any token", description = """
            Revokes anybody's token, for example one that leaked: both APIs refuse it within a second.""")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No token has this id (TokenNotFound)")
    @DeleteMapping("/api/admin/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.ADMIN)
    void revokeAny(@PathVariable UUID id) {
        administration.revokeAnyToken(id);
    }
}
