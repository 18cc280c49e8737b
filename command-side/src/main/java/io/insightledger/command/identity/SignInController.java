package io.insightledger.command.identity;

import io.insightledger.platform.identity.ApiTokens.IssuedToken;
import io.insightledger.platform.security.CallerAuthentication;
import io.insightledger.platform.security.OpenToAnyone;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * Signing in with a password, for the web app: it keeps the session's token on the server and relays it to the APIs
 * on the user's behalf. Scripts use personal API tokens instead.
 */
@RestController
class SignInController {

    private final UserAdministration administration;

    SignInController(UserAdministration administration) {
        this.administration = administration;
    }

    record Session(String token, Instant expiresAt, Me user) {
    }

    record Me(String name, Role role, String scope) {
    }

    @PostMapping("/api/auth/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @OpenToAnyone
    Session signIn(@Valid @RequestBody IdentityRequests.SignInRequest request, HttpServletRequest http) {
        IssuedToken issued = administration.signIn(request.name(), request.password(), http.getRemoteAddr());
        return new Session(issued.secret(), issued.token().expiresAt(),
                me(administration.existing(request.name()).role(), request.name(), "SESSION"));
    }

    @DeleteMapping("/api/auth/sessions/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RoleRequired(Role.VIEWER)
    void signOut(CallerAuthentication caller) {
        administration.endSession(caller.caller());
    }

    @GetMapping("/api/me")
    @RoleRequired(Role.VIEWER)
    Me me(CallerAuthentication caller) {
        return me(caller.caller().role().orElseThrow(), caller.getName(), caller.caller().scope().name());
    }

    private static Me me(Role role, String name, String scope) {
        return new Me(name, role, scope);
    }
}
