package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;

import java.util.Map;
import java.util.stream.Collectors;

/** Which workspaces a user is a member of, with which role: what a caller may read and change. */
public final class Memberships {

    private final IdentityDatabase database;

    Memberships(IdentityDatabase database) {
        this.database = database;
    }

    /** The user's workspaces, each with their role there capped by the credential's scope (none for METRICS). */
    public Map<String, Role> of(String user, TokenScope scope) {
        return database.jdbc().sql("select workspace_id, role from workspace_member where user_name = ?")
                .param(user)
                .query((row, n) -> Map.entry(row.getString("workspace_id"),
                        scope.roleFor(Role.valueOf(row.getString("role")))))
                .list().stream()
                .filter(entry -> entry.getValue().isPresent())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().get()));
    }
}
