package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.util.Optional;

/** What a token may do, never more than its owner may. */
public enum TokenScope {
    /** Reading only, as a VIEWER. */
    READ,
    /** Everything its owner's role allows. */
    READ_WRITE,
    /** Only the metrics endpoints, for a monitoring system's scraper. */
    METRICS,
    /** A web session's token, held by the web app on the user's behalf. */
    SESSION;

    /** The role a token of this scope acts with, for an owner of {@code role}; none for a metrics token. */
    public Optional<Role> roleFor(Role role) {
        return switch (this) {
            case READ -> Optional.of(role.atMost(Role.VIEWER));
            case READ_WRITE, SESSION -> Optional.of(role);
            case METRICS -> Optional.empty();
        };
    }
}
