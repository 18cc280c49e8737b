package io.insightledger.web.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The credentials the APIs see for a request through this application: the signed-in user's own token (the session
 * token, or the company account's access token, refreshed when it has run out), or the caller's own bearer token.
 * Never a shared identity, never the browser's cookie.
 */
@Component
public class ApiCredentials {

    private static final String BEARER = "Bearer ";

    private final ObjectProvider<OAuth2AuthorizedClientManager> companyAccounts;

    ApiCredentials(ObjectProvider<OAuth2AuthorizedClientManager> companyAccounts) {
        this.companyAccounts = companyAccounts;
    }

    /** The Authorization header to send to the APIs; empty when the request has no credentials of its own. */
    public Optional<String> authorization(HttpServletRequest request, HttpServletResponse response) {
        return signedIn(request, response)
                .or(() -> Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION)).filter(ApiCredentials::isBearer));
    }

    /** The session's own credentials only: what this application asks the APIs about on its own behalf. */
    Optional<String> signedIn(HttpServletRequest request, HttpServletResponse response) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user instanceof SignedInUser signedIn) {
            return Optional.of(BEARER + signedIn.sessionToken());
        }
        if (user instanceof OAuth2AuthenticationToken companyAccount) {
            return accessToken(companyAccount, request, response).map(token -> BEARER + token);
        }
        return Optional.empty();
    }

    static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    private Optional<String> accessToken(OAuth2AuthenticationToken user, HttpServletRequest request,
                                         HttpServletResponse response) {
        OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest
                .withClientRegistrationId(user.getAuthorizedClientRegistrationId()).principal(user)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response).build();
        try {
            return Optional.ofNullable(companyAccounts.getObject().authorize(authorize))
                    .map(OAuth2AuthorizedClient::getAccessToken).map(token -> token.getTokenValue());
        } catch (OAuth2AuthorizationException e) {
            // the refresh token ran out too: the APIs answer 401 and the page signs in again
            return Optional.empty();
        }
    }
}
