package io.insightledger.web.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs in with a name and password: the command side checks them and opens a session whose token stays in this
 * application's HttpSession. The session gets a new id (against session fixation) and a new CSRF token, which the
 * answer carries; the token never leaves the server.
 */
@RestController
@Conditional(SignInMode.Password.class)
class PasswordSignIn {

    record Credentials(String name, String password) {
    }

    private final AuthenticationManager signIns;
    private final SessionAuthenticationStrategy newSession;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final TokenRevocation revocation;
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    PasswordSignIn(CommandSideSignIn commandSide, SessionAuthenticationStrategy newSession,
                   TokenRevocation revocation) {
        this.signIns = new ProviderManager(commandSide);
        this.newSession = newSession;
        this.revocation = revocation;
    }

    @PostMapping("/auth/sign-in")
    SessionState signIn(@RequestBody Credentials credentials, HttpServletRequest request, HttpServletResponse response) {
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(credentials.name(), credentials.password());
        attempt.setDetails(details.buildDetails(request));
        SignedInUser user = (SignedInUser) signIns.authenticate(attempt);
        // signing in again over a session: the token it replaces is of no further use
        revocation.revoke(SecurityContextHolder.getContext().getAuthentication());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(user);
        SecurityContextHolder.setContext(context);
        newSession.onAuthentication(user, request, response);
        sessions.saveContext(context, request, response);
        return SessionState.of(SignInMode.PASSWORD, user.user(), request);
    }

    @ExceptionHandler(BadCredentialsException.class)
    ProblemDetail wrong(BadCredentialsException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(CommandSideSignIn.Throttled.class)
    ResponseEntity<ProblemDetail> throttled(CommandSideSignIn.Throttled e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, e.retryAfter());
        }
        return answer.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}
