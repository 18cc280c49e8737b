package io.insightledger.platform.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.Caller;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checks an opaque API token. A good answer is trusted for {@code recheck} (half a second by default), so a client
 * sending many requests costs one lookup per period, and a revoked token is refused soon after. Requests that ask
 * about the same token at once share one lookup, and its failure: while the identity database is away, eight
 * clients of one token each wait for one attempt, not for eight in a row.
 */
final class BearerTokens implements AuthenticationManager, AutoCloseable {

    private final ApiTokens tokens;
    private final ExecutorService lookups = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "token-lookup");
        thread.setDaemon(true);
        return thread;
    });
    private final AsyncCache<String, Optional<Caller>> recent;

    BearerTokens(ApiTokens tokens, Duration recheck) {
        this.tokens = tokens;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(recheck).executor(lookups)
                .buildAsync();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
        Optional<Caller> caller;
        try {
            caller = recent.get(secret, tokens::check).join();
        } catch (CompletionException e) {
            // the lookup's own failure (the identity database away), for the filters to answer
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        return caller.map(CallerAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("The token is unknown, expired or revoked"));
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
