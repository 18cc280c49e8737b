package io.insightledger.web.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What the page needs to know about its session: how to sign in, who is signed in (null when nobody is), and the
 * CSRF token it keeps in memory and sends in {@code csrf.headerName} with every POST, PUT and DELETE.
 */
record SessionState(SignInMode mode, String signInUrl, CommandSide.User user, Csrf csrf) {

    record Csrf(String headerName, String token) {
    }

    /** Reads the request's current CSRF token: after a sign-in it is the one renewed for the new session. */
    static SessionState of(SignInMode mode, CommandSide.User user, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new SessionState(mode, mode.signInUrl(), user, new Csrf(csrf.getHeaderName(), csrf.getToken()));
    }
}
