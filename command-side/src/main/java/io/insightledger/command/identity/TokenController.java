package io.insightledger.command.identity;

import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.ApiTokens.ApiToken;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
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
class TokenController {

    private final UserAdministration administration;
    private final ApiTokens tokens;

    TokenController(UserAdministration administration, ApiTokens tokens) {
        this.administration = administration;
        this.tokens = tokens;
    }

    /** A token just made, with its secret: shown this once, kept nowhere but as a hash. */
    record CreatedToken(ApiToken token, String secret) {
    }

    @GetMapping("/api/tokens")
    @RoleRequired(Role.VIEWER)
    List<ApiToken> mine(CallerAuthentication caller) {
        return tokens.personal(Optional.of(caller.getName()));
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @RoleRequired(Role.VIEWER)
    CreatedToken create(CallerAuthentication caller, @Valid @RequestBody IdentityRequests.CreateTokenRequest request) {
        ApiTokens.IssuedToken issued = administration.createToken(caller.caller(), request);
        return new CreatedToken(issued.token(), issued.secret());
    }

    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.VIEWER)
    void revoke(CallerAuthentication caller, @PathVariable UUID id) {
        administration.revokeOwnToken(caller.caller(), id);
    }

    @GetMapping("/api/admin/tokens")
    @RoleRequired(Role.ADMIN)
    List<ApiToken> all(@RequestParam Optional<String> user) {
        return tokens.personal(user);
    }

    @DeleteMapping("/api/admin/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.ADMIN)
    void revokeAny(@PathVariable UUID id) {
        administration.revokeAnyToken(id);
    }
}
