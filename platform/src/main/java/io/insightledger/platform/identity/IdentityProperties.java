package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the identity database is and how sign-in behaves ({@code insight.identity.*}).
 *
 * @param tokenRecheck how long a checked token is trusted before it is looked up again: a revoked token is refused
 *                     at most this long after the revocation
 * @param session      how long a web session's token lives at most (the web app's session usually ends sooner)
 */
@ConfigurationProperties("insight.identity")
public record IdentityProperties(Database database,
                                 @DefaultValue("500ms") Duration tokenRecheck,
                                 @DefaultValue("12h") Duration session,
                                 @DefaultValue Bootstrap bootstrap,
                                 @DefaultValue Oidc oidc,
                                 @DefaultValue Throttle throttle) {

    public record Database(String url, String username, String password) {
    }

    /**
     * The first ADMIN: created when nobody of that name exists yet, never changed afterwards.
     *
     * @param token an API token of this user, created when no token has that secret yet (the standalone's demo token)
     */
    public record Bootstrap(String name, String password, String token) {
    }

    /**
     * A company's identity provider, whose JWT access tokens the APIs accept.
     *
     * @param rolesClaim  the claim holding the role name (or a list of them); absent or empty: the role comes from the
     *                    product's own users, matched by subject, then by e-mail
     * @param defaultRole the role of a person the identity provider knows and the product does not yet
     * @param audience    when set, a JWT must name it in {@code aud}: tokens the provider issued for other
     *                    applications are refused
     * @param defaultWorkspace the workspace such a newcomer becomes a member of, with {@code defaultRole}; empty:
     *                    none, an ADMIN adds them where they belong
     */
    public record Oidc(URI issuerUri, String rolesClaim, @DefaultValue("VIEWER") Role defaultRole, String audience,
                       @DefaultValue("default") String defaultWorkspace) {

        public boolean enabled() {
            return issuerUri != null && !issuerUri.toString().isBlank();
        }
    }

    /**
     * Failed sign-ins and bad tokens: after {@code freeFailures} in a row, each further one blocks its address and
     * its user name for {@code firstBlock}, doubling up to {@code longestBlock}.
     */
    public record Throttle(@DefaultValue("5") int freeFailures,
                           @DefaultValue("1s") Duration firstBlock,
                           @DefaultValue("15m") Duration longestBlock) {
    }
}
