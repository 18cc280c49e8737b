package io.insightledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.Memberships;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Who a JWT from the company's identity provider stands for. The role comes from the configured claim when there is
 * one (the highest role it names); otherwise from the product's own user matched by subject, then by e-mail; a
 * person the product has never seen becomes a user with the default role, a member of the default workspace with it
 * (both configured), so that an ADMIN can find and promote them.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Logger log = LoggerFactory.getLogger(JwtCallers.class);

    private final UserAccounts users;
    private final Workspaces workspaces;
    private final Memberships memberships;
    private final IdentityProperties.Oidc oidc;
    private final Cache<String, Caller> recent;

    JwtCallers(UserAccounts users, Workspaces workspaces, Memberships memberships, IdentityProperties.Oidc oidc,
               Duration recheck) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.oidc = oidc;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(recheck).build();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new InvalidBearerTokenException("The JWT names no subject");
        }
        // the claimed role is part of the key: a token claiming less must not get a role seen a moment ago
        Caller caller = recent.get(jwt.getSubject() + "\n" + roleClaim(jwt).map(Role::name).orElse(""),
                key -> callerOf(jwt));
        return new CallerAuthentication(caller);
    }

    private Caller callerOf(Jwt jwt) {
        UserAccount user = users.findBySubject(jwt.getSubject())
                .or(() -> verifiedEmail(jwt).flatMap(email -> users.linkByVerifiedEmail(jwt.getSubject(), email)))
                .orElseGet(() -> newcomer(jwt));
        if (!user.enabled()) {
            throw new InvalidBearerTokenException("The user is disabled");
        }
        Optional<Role> claimed = roleClaim(jwt);
        Map<String, Role> workspaces = new HashMap<>(memberships.of(user.name(), TokenScope.READ_WRITE));
        // where the identity provider names roles, it governs them: the person's own, and their role in the workspace
        // its people join, while they are a member there (as before workspaces, when the claim applied everywhere)
        String joined = oidc.defaultWorkspace();
        if (claimed.isPresent() && !joined.isBlank() && workspaces.containsKey(joined)) {
            workspaces.put(joined, claimed.get());
        }
        return new Caller(user.name(), Optional.of(claimed.orElse(user.role())), TokenScope.READ_WRITE,
                Optional.empty(), workspaces);
    }

    /**
     * A user of their own, under the first free one of their preferred name, their subject, or the former numbered:
     * a product user who already has that name is somebody else (a password user, say), whose role they must not get.
     */
    private UserAccount newcomer(Jwt jwt) {
        String subject = jwt.getSubject();
        // the product's own rule for names, whatever the identity provider allows
        String preferred = UserAccounts.nameLike(
                Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(subject));
        List<String> names = Stream.concat(Stream.of(preferred, UserAccounts.nameLike(subject)),
                IntStream.rangeClosed(2, 100).mapToObj(n -> preferred + "-" + n)).distinct().toList();
        for (String name : names) {
            if (users.find(name).isEmpty()) {
                // an e-mail the product knows for someone else is not taken over: the newcomer goes without one
                String email = verifiedEmail(jwt).orElse(null);
                Map<String, Role> joins = newcomersWorkspace();
                if (users.create(name, oidc.defaultRole(), email, subject, null, joins)
                        == UserAccounts.Creation.EMAIL_TAKEN) {
                    users.create(name, oidc.defaultRole(), null, subject, null, joins);
                }
            }
            // created now, or by the other API answering the same person's first request at the same time
            Optional<UserAccount> created = users.findBySubject(subject);
            if (created.isPresent()) {
                return created.get();
            }
        }
        throw new InvalidBearerTokenException("No free user name for the JWT's subject");
    }

    /** The configured workspace with the default role, if it is configured and exists; else none. */
    private Map<String, Role> newcomersWorkspace() {
        String workspace = oidc.defaultWorkspace();
        if (workspace == null || workspace.isBlank()) {
            return Map.of();
        }
        if (!workspaces.exists(workspace)) {
            log.warn("insight.identity.oidc.default-workspace names {}, which does not exist: a newcomer joins no "
                    + "workspace", workspace);
            return Map.of();
        }
        return Map.of(workspace, oidc.defaultRole());
    }

    /** The e-mail, if the identity provider vouches for it: an unverified one could be anybody's. */
    private static Optional<String> verifiedEmail(Jwt jwt) {
        return Boolean.TRUE.equals(jwt.getClaimAsBoolean("email_verified"))
                ? Optional.ofNullable(jwt.getClaimAsString("email")) : Optional.empty();
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
