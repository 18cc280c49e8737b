package io.insightledger.platform.identity;

import io.insightledger.events.EventMetadata;
import io.insightledger.platform.security.Role;
import org.springframework.jdbc.core.RowMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workspaces of the installation: each team's own space for its meetings, hypotheses and decisions, and who is a
 * member there with which role. Every change is recorded as an {@link IdentityEvent} in its transaction; the rules
 * about who may make it live with the callers (the command side's workspace administration). A workspace is never
 * deleted: what was recorded in it, and who could act there, stay on the record.
 */
public final class Workspaces {

    /** Lower-case letters, digits and hyphens, 2 to 40: safe in a URL, a Kafka header and a log line. */
    public static final String ID_RULE = "[a-z0-9][a-z0-9-]{1,39}";
    public static final String ID_RULE_MESSAGE = "must be 2 to 40 lower-case letters, digits or hyphens, "
            + "starting with a letter or digit";

    private static final RowMapper<Workspace> WORKSPACE = (row, n) -> new Workspace(row.getString("id"),
            row.getString("name"), row.getString("description"), row.getTimestamp("created_at").toInstant(),
            (Integer) row.getObject("retention_months"));
    private static final RowMapper<Member> MEMBER = (row, n) -> new Member(row.getString("user_name"),
            Role.valueOf(row.getString("role")), row.getTimestamp("added_at").toInstant());

    private final IdentityDatabase database;
    private final IdentityHistory history;

    Workspaces(IdentityDatabase database, IdentityHistory history) {
        this.database = database;
        this.history = history;
    }

    /**
     * @param retentionMonths how long the people its meetings named are kept after the last meeting that named them;
     *                        null: the installation's default
     */
    public record Workspace(String id, String name, String description, Instant createdAt, Integer retentionMonths) {
    }

    /** A user's membership of a workspace: the role they act with there, since when. */
    public record Member(String user, Role role, Instant addedAt) {
    }

    /** The workspace a request means: the one it names, or {@code default} when it names none. */
    public static String orDefault(String requested) {
        return requested == null || requested.isBlank() ? EventMetadata.DEFAULT_WORKSPACE : requested;
    }

    public boolean exists(String id) {
        return database.jdbc().sql("select exists (select 1 from workspace where id = ?)").param(id)
                .query(Boolean.class).single();
    }

    public Optional<Workspace> find(String id) {
        return database.jdbc().sql("select * from workspace where id = ?").param(id).query(WORKSPACE).optional();
    }

    public List<Workspace> all() {
        return database.jdbc().sql("select * from workspace order by id").query(WORKSPACE).list();
    }

    /** What became of a new workspace. */
    public enum Creation { CREATED, ID_TAKEN }

    public Creation create(String id, String name, String description) {
        return database.inTransaction(() -> {
            int inserted = database.jdbc().sql("""
                            insert into workspace (id, name, description, created_at) values (?, ?, ?, now())
                            on conflict (id) do nothing""")
                    .params(id, name, description).update();
            if (inserted == 0) {
                return Creation.ID_TAKEN;
            }
            history.append(new IdentityEvent.WorkspaceCreated(id, name, description));
            return Creation.CREATED;
        });
    }

    /** @return false if there is no such workspace; a revision that changes nothing is not recorded */
    public boolean revise(String id, String name, String description) {
        return database.inTransaction(() -> {
            Optional<Workspace> before = database.jdbc().sql("select * from workspace where id = ? for update")
                    .param(id).query(WORKSPACE).optional();
            if (before.isEmpty()) {
                return false;
            }
            if (!before.get().name().equals(name) || !before.get().description().equals(description)) {
                database.jdbc().sql("update workspace set name = ?, description = ? where id = ?")
                        .params(name, description, id).update();
                history.append(new IdentityEvent.WorkspaceRevised(id, name, description));
            }
            return true;
        });
    }

    /**
     * Sets how long the workspace keeps people after the last meeting that named them (null: the installation's
     * default). The same period again records nothing.
     *
     * @return false if there is no such workspace
     */
    public boolean setRetention(String id, Integer months) {
        return database.inTransaction(() -> {
            Optional<Workspace> before = database.jdbc().sql("select * from workspace where id = ? for update")
                    .param(id).query(WORKSPACE).optional();
            if (before.isEmpty()) {
                return false;
            }
            if (!Objects.equals(before.get().retentionMonths(), months)) {
                database.jdbc().sql("update workspace set retention_months = ? where id = ?").params(months, id)
                        .update();
                history.append(new IdentityEvent.WorkspaceRetentionSet(id, months));
            }
            return true;
        });
    }

    /** The workspace's members, by name. */
    public List<Member> members(String workspace) {
        return database.jdbc().sql("select * from workspace_member where workspace_id = ? order by user_name")
                .param(workspace).query(MEMBER).list();
    }

    public Optional<Member> member(String workspace, String user) {
        return database.jdbc().sql("select * from workspace_member where workspace_id = ? and user_name = ?")
                .params(workspace, user).query(MEMBER).optional();
    }

    /** The user's workspaces with their role in each, by workspace id: their own role plays no part. */
    public Map<String, Role> membershipsOf(String user) {
        return database.jdbc().sql("select * from workspace_member where user_name = ? order by workspace_id")
                .param(user)
                .query((row, n) -> Map.entry(row.getString("workspace_id"), Role.valueOf(row.getString("role"))))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** What a membership change did. */
    public enum MemberChange { ADDED, ROLE_CHANGED, UNCHANGED }

    /**
     * Makes the user a member with {@code role}: adds them, or changes the role they have there. Both the workspace
     * and the user must exist. Joins the caller's transaction when there is one (a user created with memberships).
     */
    public MemberChange addMember(String user, String workspace, Role role) {
        return database.inTransaction(() -> {
            int inserted = database.jdbc().sql("""
                            insert into workspace_member (workspace_id, user_name, role, added_at) values (?, ?, ?, now())
                            on conflict (workspace_id, user_name) do nothing""")
                    .params(workspace, user, role.name()).update();
            if (inserted == 1) {
                history.append(new IdentityEvent.MemberAdded(user, workspace, role));
                return MemberChange.ADDED;
            }
            return changeMemberRole(user, workspace, role) ? MemberChange.ROLE_CHANGED : MemberChange.UNCHANGED;
        });
    }

    /** @return whether the role changed: false, changing nothing, for a non-member or one who has the role already */
    public boolean changeMemberRole(String user, String workspace, Role role) {
        return database.inTransaction(() -> {
            // the role as it is now, under the row's lock: the event says what it really changed from
            Optional<Role> before = database.jdbc().sql("""
                            select role from workspace_member where workspace_id = ? and user_name = ? for update""")
                    .params(workspace, user).query(String.class).optional().map(Role::valueOf);
            if (before.isEmpty() || before.get() == role) {
                return false;
            }
            database.jdbc().sql("update workspace_member set role = ? where workspace_id = ? and user_name = ?")
                    .params(role.name(), workspace, user).update();
            history.append(new IdentityEvent.MemberRoleChanged(user, workspace, before.get(), role));
            return true;
        });
    }

    /** @return false, changing nothing, if the user was no member */
    public boolean removeMember(String user, String workspace) {
        return database.inTransaction(() -> {
            int removed = database.jdbc().sql("delete from workspace_member where workspace_id = ? and user_name = ?")
                    .params(workspace, user).update();
            if (removed == 1) {
                history.append(new IdentityEvent.MemberRemoved(user, workspace));
            }
            return removed == 1;
        });
    }
}
