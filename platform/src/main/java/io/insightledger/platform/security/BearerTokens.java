package io.insightledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.Caller;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks an opaque API token. A good answer is trusted for {@code recheck} (half a second by default), so a client
 * sending many requests costs one lookup per period, and a revoked token is refused soon after.
 */
final class BearerTokens implements AuthenticationManager {

    private final ApiTokens tokens;
    private final Cache<String, Optional<Caller>> recent;

    BearerTokens(ApiTokens tokens, Duration recheck) {
        this.tokens = tokens;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(recheck).build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
        return recent.get(secret, tokens::check).map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("The token is unknown, expired or revoked"));
    }
}
