package io.insightledger.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Answers 429 to a credential from an address that sent too many bad ones, before the credential is checked. */
class BlockedAddresses extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final SecurityProblems problems;

    BlockedAddresses(SignInThrottle throttle, SecurityProblems problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> blocked = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? Optional.empty()
                : throttle.blocked(SignInThrottle.address(request.getRemoteAddr()));
        if (blocked.isEmpty()) {
            chain.doFilter(request, response);
            // failures count in a row: a good credential from the address clears them, so that a few stale
            // tokens a day never add up to a block
            if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication) {
                throttle.succeeded(SignInThrottle.address(request.getRemoteAddr()));
            }
            return;
        }
        Throttled throttled = new Throttled(blocked.get());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
        problems.write(request, response, SecurityProblems.throttled(throttled));
    }
}
