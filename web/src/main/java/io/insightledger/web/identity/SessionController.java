package io.insightledger.web.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the page who is signed in, as the command side sees them now (a role may have changed since sign-in). */
@RestController
class SessionController {

    private final CommandSide commandSide;
    private final ApiCredentials credentials;
    private final SignInMode mode;

    SessionController(CommandSide commandSide, ApiCredentials credentials, Environment environment) {
        this.commandSide = commandSide;
        this.credentials = credentials;
        this.mode = SignInMode.of(environment);
    }

    @GetMapping("/auth/session")
    SessionState session(HttpServletRequest request, HttpServletResponse response) {
        // the session's credentials only: a header sent with this request is no sign-in (and is not tried on the APIs)
        CommandSide.User user = credentials.signedIn(request, response)
                .flatMap(authorization -> commandSide.me(authorization, request.getRemoteAddr())).orElse(null);
        return SessionState.of(mode, user, request);
    }
}
