package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as their token or sign-in says.
 *
 * @param role       their own role, capped by the token's scope: ADMIN administers the installation (users,
 *                   workspaces, operations); empty for a metrics token, which may use no API operation
 * @param token      the API token used, if one was
 * @param workspaces the workspaces they are a member of, each with the role they act with there (capped by the
 *                   token's scope like {@code role}); what they may read and change is exactly this
 */
public record Caller(String name, Optional<Role> role, TokenScope scope, Optional<UUID> token,
                     Map<String, Role> workspaces) {

    public Caller {
        workspaces = Map.copyOf(workspaces);
    }

    /** Their role in that workspace; empty if they are no member of it (for them, it does not exist). */
    public Optional<Role> roleIn(String workspace) {
        return Optional.ofNullable(workspaces.get(workspace));
    }

    /** Whether they act with at least {@code role} in that workspace. */
    public boolean may(Role role, String workspace) {
        return roleIn(workspace).filter(actual -> actual.includes(role)).isPresent();
    }

    /** Whether they act with at least {@code role} in any workspace at all. */
    public boolean mayAnywhere(Role role) {
        return workspaces.values().stream().anyMatch(actual -> actual.includes(role));
    }

    /** The workspaces they can read: every one they are a member of. */
    public Set<String> readable() {
        return workspaces.keySet();
    }
}
