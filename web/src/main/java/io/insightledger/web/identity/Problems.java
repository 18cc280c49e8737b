package io.insightledger.web.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The answers of this application's own security, as problem+json like every other refusal, and without a
 * {@code WWW-Authenticate} challenge, which would make the browser open its own login box over the page.
 */
@Component
class Problems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CSRF_TITLE = "CSRF token missing or wrong";

    private final ObjectMapper json;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    Problems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, "Not signed in",
                "Sign in, or send an API token as Authorization: Bearer.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (!(e instanceof CsrfException)) {
            write(response, HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
        } else if (signedIn() || !WebSecurity.API.matches(request)) {
            write(response, HttpStatus.FORBIDDEN, CSRF_TITLE,
                    "Send the CSRF token that GET /auth/session gives; it changes when you sign in or out.");
        } else {
            // an API call with no session at all (or an expired one): the missing sign-in is the real problem
            commence(request, response, null);
        }
    }

    private boolean signedIn() {
        return trust.isAuthenticated(SecurityContextHolder.getContext().getAuthentication());
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
