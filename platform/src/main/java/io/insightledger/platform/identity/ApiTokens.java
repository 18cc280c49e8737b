package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque bearer tokens: personal API tokens and web sessions' tokens. Only a SHA-256 hash of each secret is kept, so
 * checking one is a lookup by that hash, not a slow password hash: 32 random bytes need no stretching.
 */
public final class ApiTokens {

    /** Every secret starts with this, so that a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "il_";

    private static final RowMapper<ApiToken> TOKEN = (row, n) -> new ApiToken(row.getObject("id", UUID.class),
            row.getString("user_name"), row.getString("name"), TokenScope.valueOf(row.getString("scope")),
            row.getTimestamp("created_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
            Optional.ofNullable(row.getTimestamp("revoked_at")).map(Timestamp::toInstant).orElse(null),
            row.getString("revoked_by"));

    private final SecureRandom random = new SecureRandom();
    private final IdentityDatabase database;
    private final IdentityHistory history;
    private final Memberships memberships;
    private final Clock clock;

    ApiTokens(IdentityDatabase database, IdentityHistory history, Memberships memberships, Clock clock) {
        this.database = database;
        this.history = history;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** A token as listed: never its secret. */
    public record ApiToken(UUID id, String user, String name, TokenScope scope, Instant createdAt, Instant expiresAt,
                           Instant revokedAt, String revokedBy) {
    }

    /** A token just made: the only time its secret is shown. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    public IssuedToken issue(String user, String name, TokenScope scope, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return register(user, name, scope, expiresAt, PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes));
    }

    /** Registers a secret chosen elsewhere (the standalone's demo token), unless it is registered already. */
    public Optional<IssuedToken> registerIfAbsent(String user, String name, String secret, Instant expiresAt) {
        boolean known = database.jdbc().sql("select exists (select 1 from api_token where hash = ?)")
                .param(hash(secret)).query(Boolean.class).single();
        return known ? Optional.empty() : Optional.of(register(user, name, TokenScope.READ_WRITE, expiresAt, secret));
    }

    private IssuedToken register(String user, String name, TokenScope scope, Instant expiresAt, String secret) {
        ApiToken token = new ApiToken(UUID.randomUUID(), user, name, scope, clock.instant(), expiresAt, null, null);
        database.inTransaction(() -> {
            database.jdbc().sql("""
                            insert into api_token (id, hash, user_name, name, scope, created_at, expires_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(token.id(), hash(secret), user, name, scope.name(), Timestamp.from(token.createdAt()),
                            Timestamp.from(expiresAt))
                    .update();
            // a sign-in is not a change of power: only personal tokens are part of the history
            return scope == TokenScope.SESSION ? null : history.append(
                    new IdentityEvent.TokenCreated(user, token.id(), name, scope, expiresAt));
        });
        return new IssuedToken(token, secret);
    }

    /** The caller a secret stands for: unknown, revoked, expired and disabled owners' tokens stand for nobody. */
    public Optional<Caller> check(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return database.jdbc().sql("""
                        select t.id, t.scope, u.name, u.role from api_token t join app_user u on u.name = t.user_name
                        where t.hash = ? and t.revoked_at is null and t.expires_at > ? and u.enabled
                            and (t.scope <> 'METRICS' or u.role = 'ADMIN')""")
                .params(hash(secret), Timestamp.from(clock.instant()))
                .query((row, n) -> {
                    TokenScope scope = TokenScope.valueOf(row.getString("scope"));
                    String name = row.getString("name");
                    return new Caller(name, scope.roleFor(Role.valueOf(row.getString("role"))),
                            scope, Optional.of(row.getObject("id", UUID.class)), memberships.of(name, scope));
                })
                .optional();
    }

    /** Personal tokens of one user, or of everybody; newest first. Web sessions' tokens are not listed. */
    public List<ApiToken> personal(Optional<String> user) {
        return database.jdbc().sql("""
                        select * from api_token where scope <> 'SESSION' and (cast(? as text) is null or user_name = ?)
                        order by created_at desc""")
                .params(user.orElse(null), user.orElse(null)).query(TOKEN).list();
    }

    public Optional<ApiToken> find(UUID id) {
        return database.jdbc().sql("select * from api_token where id = ?").param(id).query(TOKEN).optional();
    }

    /** @return false if it was revoked already */
    public boolean revoke(ApiToken token) {
        return database.inTransaction(() -> {
            int revoked = database.jdbc().sql("""
                            update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null""")
                    .params(Timestamp.from(clock.instant()), IdentityHistory.actor(), token.id()).update();
            if (revoked == 1 && token.scope() != TokenScope.SESSION) {
                history.append(new IdentityEvent.TokenRevoked(token.user(), token.id()));
            }
            return revoked == 1;
        });
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
