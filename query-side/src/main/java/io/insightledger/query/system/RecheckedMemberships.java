package io.insightledger.query.system;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.Memberships;
import io.insightledger.platform.identity.TokenScope;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Memberships looked up again once they are older than a token's re-check time, as a token is: a member removed from a
 * workspace stops hearing of its changes as soon as their token would stop reading it. While the identity database is
 * away, the memberships last known stay; a caller never known hears nothing.
 */
@Component
class RecheckedMemberships implements CurrentMemberships {

    private record Key(String user, TokenScope scope) {
    }

    private final LoadingCache<Key, Set<String>> known;

    RecheckedMemberships(Memberships memberships, IdentityProperties identity) {
        this.known = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(identity.tokenRecheck())
                .build(key -> Set.copyOf(memberships.of(key.user(), key.scope()).keySet()));
    }

    @Override
    public Set<String> of(Caller caller) {
        try {
            return known.get(new Key(caller.name(), caller.scope()));
        } catch (RuntimeException identityAway) {
            return Set.of();
        }
    }
}
