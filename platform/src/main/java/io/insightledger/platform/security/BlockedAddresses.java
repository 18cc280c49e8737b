package io.insightledger.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.insightledger.platform.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * In front of the credential check: answers 429 to a credential (or a sign-in) from an address that sent too many bad
 * ones, before it is checked or its body read; and 503 when the identity database cannot be reached to check it, which
 * says nothing against the credential and so counts as no failure.
 */
class BlockedAddresses extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BlockedAddresses.class);
    static final long RETRY_AFTER_SECONDS = 5;

    private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/auth/sessions");

    private final SignInThrottle throttle;
    private final SecurityProblems problems;

    BlockedAddresses(SignInThrottle throttle, SecurityProblems problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        Optional<Duration> blocked = SIGN_IN.matches(request) ? throttle.blocked(SignInThrottle.signInAddress(address))
                : request.getHeader(HttpHeaders.AUTHORIZATION) != null
                ? throttle.blocked(SignInThrottle.tokenAddress(address)) : Optional.empty();
        if (blocked.isEmpty()) {
            try {
                chain.doFilter(request, response);
            } catch (DataAccessException e) {
                if (!Failures.databaseAway(e)) {
                    throw e;
                }
                log.warn("Cannot check the credential of {} {}: {}", request.getMethod(), request.getRequestURI(),
                        Failures.describe(e, 200));
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
                problems.write(request, response, SecurityProblems.identityUnavailable());
                return;
            }
            // bad tokens count in a row: a good one from the address clears them, so that a few stale tokens a
            // day never add up to a block (guessing a token is hopeless anyway; this count is about cost)
            if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication) {
                throttle.succeeded(SignInThrottle.tokenAddress(address));
            }
            return;
        }
        Throttled throttled = new Throttled(blocked.get());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
        problems.write(request, response, SecurityProblems.throttled(throttled));
    }
}
