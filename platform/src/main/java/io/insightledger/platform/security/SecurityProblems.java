package io.insightledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.io.IOException;
import java.net.URI;

/**
 * The one place that turns identity's refusals into problems: 401 without a good credential, 403 naming the role
 * that is missing, 429 with {@code Retry-After} while an address or user is blocked. Used from the filter chain and,
 * as an advice, from the handlers.
 */
@RestControllerAdvice
public class SecurityProblems {

    static final String BEARER_CHALLENGE = "Bearer realm=\"insight-ledger\"";

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    public static ProblemDetail roleRequired(Role required, String detail) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "RoleRequired", detail);
        problem.setProperty("requiredRole", required.name());
        return problem;
    }

    public static ProblemDetail throttled(Throttled e) {
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Throttled", e.getMessage());
        problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return problem;
    }

    static ProblemDetail identityUnavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "IdentityStoreUnavailable",
                "Who is calling cannot be checked right now (the identity database is away); retry in a moment");
    }

    static ProblemDetail unauthenticated(String detail) {
        return problem(HttpStatus.UNAUTHORIZED, "AuthenticationRequired", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://insight-ledger.io/problems/" + rule));
        problem.setTitle(rule);
        return problem;
    }

    @ExceptionHandler(RoleMissing.class)
    ProblemDetail roleMissing(RoleMissing e, HttpServletRequest request) {
        ProblemDetail problem = roleRequired(e.required(), e.getMessage());
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    @ExceptionHandler(Throttled.class)
    ResponseEntity<ProblemDetail> throttledHandler(Throttled e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds())).body(throttled(e));
    }

    /** For the filters, which answer before any handler runs. */
    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
