package io.insightledger.platform.security;

import java.util.Optional;

/** The caller is signed in but their role (or their token's scope) does not reach the role an operation needs. */
public class RoleMissing extends RuntimeException {

    private final Role required;

    public RoleMissing(Role required, Optional<Role> actual) {
        super("This needs the role " + required + " or a role above it; "
                + actual.map(role -> "you act as " + role).orElse("this credential has no role") + ".",
                null, false, false);
        this.required = required;
    }

    public Role required() {
        return required;
    }
}
