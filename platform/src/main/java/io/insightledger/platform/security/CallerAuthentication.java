package io.insightledger.platform.security;

import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.TokenScope;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A caller whose token or JWT checked out: named by their user name, with the authorities of their role. */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    /** What a metrics token has, and what the metrics endpoints accept besides ADMIN. */
    public static final String METRICS_AUTHORITY = "SCOPE_METRICS";

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>(caller.role().map(Role::authorities).orElse(List.of()));
        if (caller.scope() == TokenScope.METRICS) {
            authorities.add(new SimpleGrantedAuthority(METRICS_AUTHORITY));
        }
        return authorities;
    }

    public Caller caller() {
        return caller;
    }

    /** The role of whoever is signed in, if any: none for an anonymous request or a metrics token. */
    public static Optional<Role> roleOf(Object authentication) {
        return authentication instanceof CallerAuthentication signedIn ? signedIn.caller.role() : Optional.empty();
    }

    /** Who is signed in, if anyone: none for an anonymous request. */
    public static Optional<Caller> callerOf(Object authentication) {
        return authentication instanceof CallerAuthentication signedIn ? Optional.of(signedIn.caller)
                : Optional.empty();
    }

    /** Who is signed in on this thread's request, if anyone. */
    public static Optional<Caller> current() {
        return callerOf(SecurityContextHolder.getContext().getAuthentication());
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}
