package io.insightledger.web.identity;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import java.io.Serial;

/**
 * Someone signed in with a password, as the HttpSession holds them: the command side's session token lives here and
 * nowhere else the browser could read. No authorities: the APIs decide what the token may do.
 */
final class SignedInUser extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String role;
    private final String sessionToken;

    SignedInUser(CommandSide.User user, String sessionToken) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.name = user.name();
        this.role = user.role();
        this.sessionToken = sessionToken;
        setAuthenticated(true);
    }

    /** As the command side described them at sign-in. */
    CommandSide.User user() {
        return new CommandSide.User(name, role);
    }

    String sessionToken() {
        return sessionToken;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    /** The token is not offered as credentials, so nothing that logs or erases credentials ever sees it. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
