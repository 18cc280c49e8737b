package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
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

    UserAccounts(IdentityDatabase database, IdentityHistory history) {
        this.database = database;
        this.history = history;
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

    /** A person signing in through single sign-on: by their subject, else by their e-mail. */
    public Optional<UserAccount> findSignedInElsewhere(String subject, String email) {
        return database.jdbc().sql("""
                        select * from app_user where subject = ? or (email is not null and lower(email) = lower(?))
                        order by (subject = ?) desc limit 1""")
                .params(subject, email, subject).query(ACCOUNT).optional();
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

    /** @return false if the name is taken (nothing changes) */
    public boolean create(String name, Role role, String email, String subject, String passwordHash) {
        return database.inTransaction(() -> {
            IdentityEvent.UserCreated created = new IdentityEvent.UserCreated(name, role, email, subject);
            int inserted = database.jdbc().sql("""
                            insert into app_user (name, role, password_hash, enabled, email, subject, created_at)
                            values (?, ?, ?, true, ?, ?, now()) on conflict do nothing""")
                    .params(name, role.name(), passwordHash, email, subject).update();
            if (inserted == 1) {
                history.append(created);
            }
            return inserted == 1;
        });
    }

    /** @return false, changing nothing, if it would leave no enabled ADMIN */
    public boolean changeRole(UserAccount user, Role role) {
        return database.inTransaction(() -> {
            if (role != Role.ADMIN && !anotherEnabledAdmin(user.name())) {
                return false;
            }
            database.jdbc().sql("update app_user set role = ? where name = ?").params(role.name(), user.name())
                    .update();
            history.append(new IdentityEvent.RoleChanged(user.name(), user.role(), role));
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
            if (!enabled && !anotherEnabledAdmin(name)) {
                return false;
            }
            database.jdbc().sql("update app_user set enabled = ? where name = ?").params(enabled, name).update();
            if (!enabled) {
                endSessions(name);
            }
            history.append(enabled ? new IdentityEvent.UserEnabled(name) : new IdentityEvent.UserDisabled(name));
            return true;
        });
    }

    /**
     * Whether an enabled ADMIN other than {@code name} exists (always true when {@code name} is no enabled ADMIN).
     * Locks out other changes to users until the transaction ends: two ADMINs demoting each other at once must not
     * both see the other still there.
     */
    private boolean anotherEnabledAdmin(String name) {
        database.jdbc().sql("lock table app_user in share row exclusive mode").update();
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
