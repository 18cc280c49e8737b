package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The people who may sign in. Every change goes through here and is recorded as an {@link IdentityEvent} in the same
 * transaction; the rules about who may make it live with the callers (the command side's user administration).
 */
public final class UserAccounts {

    private static final RowMapper<UserAccount> ACCOUNT = (row, n) -> new UserAccount(row.getString("name"),
            Role.valueOf(row.getString("role")), row.getBoolean("enabled"), row.getString("email"),
            row.getString("subject"), row.getTimestamp("created_at").toInstant());

    /** Lower-case letters, digits and {@code . _ @ -}: safe in a URL path, a log line and an event. */
    public static final String NAME_RULE = "[a-z0-9][a-z0-9._@-]{1,63}";

    private final IdentityDatabase database;
    private final IdentityHistory history;
    private final Workspaces workspaces;

    UserAccounts(IdentityDatabase database, IdentityHistory history, Workspaces workspaces) {
        this.database = database;
        this.history = history;
        this.workspaces = workspaces;
    }

    /** The closest name that keeps {@link #NAME_RULE}: for names that come from elsewhere (an identity provider). */
    public static String nameLike(String wanted) {
        String name = wanted.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        name = name.substring(0, Math.min(name.length(), 60));
        return name.length() >= 2 ? name : "user-" + name;
    }

    public Optional<UserAccount> find(String name) {
        return database.jdbc().sql("select * from app_user where name = ?").param(name).query(ACCOUNT).optional();
    }

    /** A person signing in through single sign-on, by their subject there. */
    public Optional<UserAccount> findBySubject(String subject) {
        return database.jdbc().sql("select * from app_user where subject = ?").param(subject).query(ACCOUNT)
                .optional();
    }

    /**
     * The user with this e-mail who has no company account linked yet, linked now to {@code subject}. The caller must
     * know the identity provider verified the e-mail: anyone may write any address into an unverified one.
     */
    public Optional<UserAccount> linkByVerifiedEmail(String subject, String email) {
        return database.inTransaction(() -> {
            Optional<String> linked = database.jdbc().sql("""
                            update app_user set subject = ?
                            where subject is null and email is not null and lower(email) = lower(?) returning name""")
                    .params(subject, email).query(String.class).optional();
            linked.ifPresent(name -> history.append(new IdentityEvent.CompanyAccountLinked(name, subject)));
            return linked;
        }).flatMap(this::find);
    }

    public List<UserAccount> all() {
        return database.jdbc().sql("select * from app_user order by name").query(ACCOUNT).list();
    }

    public boolean anyAdmin() {
        return database.jdbc().sql("select exists (select 1 from app_user where role = 'ADMIN' and enabled)")
                .query(Boolean.class).single();
    }

    public Optional<String> passwordHash(String name) {
        return database.jdbc().sql("select password_hash from app_user where name = ? and enabled").param(name)
                .query(String.class).optional();
    }

    /** What became of a new user. */
    public enum Creation { CREATED, NAME_TAKEN, EMAIL_TAKEN }

    /**
     * A new user, a member of each of {@code memberships}' workspaces (which must exist) with the role given there, in
     * one transaction: nobody sees them without the memberships they were made with.
     */
    public Creation create(String name, Role role, String email, String subject, String passwordHash,
                           Map<String, Role> memberships) {
        return database.inTransaction(() -> {
            boolean emailTaken = email != null && database.jdbc()
                    .sql("select exists (select 1 from app_user where lower(email) = lower(?))").param(email)
                    .query(Boolean.class).single();
            if (emailTaken) {
                return Creation.EMAIL_TAKEN;
            }
            int inserted = database.jdbc().sql("""
                            insert into app_user (name, role, password_hash, enabled, email, subject, created_at)
                            values (?, ?, ?, true, ?, ?, now()) on conflict (name) do nothing""")
                    .params(name, role.name(), passwordHash, email, subject).update();
            if (inserted == 0) {
                return Creation.NAME_TAKEN;
            }
            history.append(new IdentityEvent.UserCreated(name, role, email, subject));
            memberships.forEach((workspace, inWorkspace) -> workspaces.addMember(name, workspace, inWorkspace));
            return Creation.CREATED;
        });
    }

    /** @return false, changing nothing, if it would leave no enabled ADMIN */
    public boolean changeRole(UserAccount user, Role role) {
        return database.inTransaction(() -> {
            lockUsers();
            if (role != Role.ADMIN && !anotherEnabledAdmin(user.name())) {
                return false;
            }
            // the role as it is now, under the lock: the event says what it really changed from
            Role before = Role.valueOf(database.jdbc().sql("select role from app_user where name = ?")
                    .param(user.name()).query(String.class).single());
            if (before != role) {
                database.jdbc().sql("update app_user set role = ? where name = ?").params(role.name(), user.name())
                        .update();
                history.append(new IdentityEvent.RoleChanged(user.name(), before, role));
            }
            return true;
        });
    }

    /**
     * Disabling also ends the user's web sessions; their API tokens are refused while they stay disabled.
     *
     * @return false, changing nothing, if it would leave no enabled ADMIN
     */
    public boolean setEnabled(String name, boolean enabled) {
        return database.inTransaction(() -> {
            lockUsers();
            if (!enabled && !anotherEnabledAdmin(name)) {
                return false;
            }
            int changed = database.jdbc().sql("update app_user set enabled = ? where name = ? and enabled <> ?")
                    .params(enabled, name, enabled).update();
            if (changed == 0) {
                return true;
            }
            if (!enabled) {
                endSessions(name);
            }
            history.append(enabled ? new IdentityEvent.UserEnabled(name) : new IdentityEvent.UserDisabled(name));
            return true;
        });
    }

    /**
     * Holds other changes to users off until the transaction ends: two ADMINs demoting each other at once must not
     * both see the other still there, and an event must say what a change really changed from.
     */
    private void lockUsers() {
        database.jdbc().sql("lock table app_user in share row exclusive mode").update();
    }

    /** Whether an enabled ADMIN other than {@code name} exists (always true when {@code name} is no enabled ADMIN). */
    private boolean anotherEnabledAdmin(String name) {
        return database.jdbc().sql("""
                        select not exists (select 1 from app_user where name = ? and role = 'ADMIN' and enabled)
                            or exists (select 1 from app_user where name <> ? and role = 'ADMIN' and enabled)""")
                .params(name, name).query(Boolean.class).single();
    }

    /** A new password ends the user's web sessions: whoever knew the old one is signed out. */
    public void setPassword(String name, String passwordHash) {
        database.inTransaction(() -> {
            database.jdbc().sql("update app_user set password_hash = ? where name = ?").params(passwordHash, name)
                    .update();
            endSessions(name);
            return history.append(new IdentityEvent.PasswordReset(name));
        });
    }

    private void endSessions(String name) {
        database.jdbc().sql("""
                        update api_token set revoked_at = now(), revoked_by = ?
                        where user_name = ? and scope = 'SESSION' and revoked_at is null""")
                .params(IdentityHistory.actor(), name).update();
    }
}
