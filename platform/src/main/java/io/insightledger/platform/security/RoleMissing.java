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

    private RoleMissing(Role required, String message) {
        super(message, null, false, false);
        this.required = required;
    }

    /** The caller has the role in no workspace at all (or is a member of none). */
    public static RoleMissing inNoWorkspace(Role required) {
        return new RoleMissing(required, "This needs the role " + required
                + " or a role above it in a workspace; you have it in none (an ADMIN adds members to workspaces).");
    }

    /** The caller is a member of the workspace concerned, with a role below the one needed. */
    public static RoleMissing inWorkspace(Role required, String workspace, Role actual) {
        return new RoleMissing(required, "This needs the role " + required + " or a role above it in workspace "
                + workspace + "; you act there as " + actual + ".");
    }

    public Role required() {
        return required;
    }
}
