package io.insightledger.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.List;

/**
 * What a person may do, each role including every role before it: a DECIDER may also do what a CONTRIBUTOR and a
 * VIEWER may.
 */
public enum Role {
    /** Reads everything the query API and the web app show: auditors, stakeholders. */
    VIEWER,
    /** Also records and revises meetings and observations, proposes and revises hypotheses, links evidence. */
    CONTRIBUTOR,
    /** Also decides, reopens and pivots. */
    DECIDER,
    /** Also manages users and tokens, rebuilds projections, handles dead letters, uses import mode. */
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower of the two: a token never has more power than its owner. */
    public Role atMost(Role cap) {
        return includes(cap) ? cap : this;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** This role's authority and those of every role it includes, so that a plain {@code hasRole} check works. */
    public List<GrantedAuthority> authorities() {
        return Arrays.stream(values()).filter(this::includes)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }
}
