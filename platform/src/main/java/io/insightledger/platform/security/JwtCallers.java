package io.insightledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who a JWT from the company's identity provider stands for. The role comes from the configured claim when there is
 * one (the highest role it names); otherwise from the product's own user matched by subject, then by e-mail; a
 * person the product has never seen becomes a user with the default role, so that an ADMIN can find and promote them.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UserAccounts users;
    private final IdentityProperties.Oidc oidc;
    private final Cache<String, Caller> recent;

    JwtCallers(UserAccounts users, IdentityProperties.Oidc oidc, Duration recheck) {
        this.users = users;
        this.oidc = oidc;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(recheck).build();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = recent.get(jwt.getSubject(), subject -> callerOf(jwt));
        return new CallerAuthentication(caller);
    }

    private Caller callerOf(Jwt jwt) {
        UserAccount user = users.findSignedInElsewhere(jwt.getSubject(), jwt.getClaimAsString("email"))
                .orElseGet(() -> newcomer(jwt));
        Optional<Role> role = !user.enabled() ? Optional.empty()
                : Optional.of(roleClaim(jwt).orElse(user.role()));
        return new Caller(user.name(), role, TokenScope.READ_WRITE, Optional.empty());
    }

    private UserAccount newcomer(Jwt jwt) {
        String preferred = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
        String name = users.find(preferred).isEmpty() ? preferred : jwt.getSubject();
        users.create(name, oidc.defaultRole(), jwt.getClaimAsString("email"), jwt.getSubject(), null);
        return users.findSignedInElsewhere(jwt.getSubject(), null).orElseThrow();
    }

    /** The highest role the configured claim names (a string or a list of strings); unknown names are ignored. */
    private Optional<Role> roleClaim(Jwt jwt) {
        if (oidc.rolesClaim() == null || oidc.rolesClaim().isBlank()) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim(oidc.rolesClaim());
        Stream<?> names = claim instanceof Collection<?> many ? many.stream() : Stream.ofNullable(claim);
        return names.map(String::valueOf).flatMap(name -> Stream.of(Role.values())
                        .filter(role -> role.name().equalsIgnoreCase(name)))
                .max(Role::compareTo);
    }
}
