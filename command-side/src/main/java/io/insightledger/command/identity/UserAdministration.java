package io.insightledger.command.identity;

import io.insightledger.command.system.RuleViolationException;
import io.insightledger.events.EventMetadata;
import io.insightledger.platform.identity.ApiTokens;
import io.insightledger.platform.identity.ApiTokens.ApiToken;
import io.insightledger.platform.identity.ApiTokens.IssuedToken;
import io.insightledger.platform.identity.Caller;
import io.insightledger.platform.identity.IdentityProperties;
import io.insightledger.platform.identity.TokenScope;
import io.insightledger.platform.identity.UserAccount;
import io.insightledger.platform.identity.UserAccounts;
import io.insightledger.platform.identity.Workspaces;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.SignInThrottle;
import io.insightledger.platform.security.Throttled;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The rules of signing in and of managing users and tokens; each rule's name is the problem type clients see. */
@Service
class UserAdministration {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);
    static final Duration LONGEST_TOKEN_LIFETIME = Duration.ofDays(366);

    private final UserAccounts users;
    private final Workspaces workspaces;
    private final ApiTokens tokens;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final IdentityProperties properties;
    private final Clock clock;
    private final Counter failedSignIns;
    /** Checked when the user is unknown, so that a wrong name takes as long as a wrong password. */
    private final String decoyHash;

    UserAdministration(UserAccounts users, Workspaces workspaces, ApiTokens tokens, PasswordEncoder passwords,
                       SignInThrottle throttle, IdentityProperties properties, MeterRegistry meters) {
        this.users = users;
        this.workspaces = workspaces;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.failedSignIns = Counter.builder("insight.security.sign-in.failures").tag("credential", "password")
                .description("Sign-ins refused for a wrong name or password").register(meters);
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Throttled before any hash is computed: a blocked address or name costs a map lookup. The attempt counts as a
     * failure until it succeeds, so a burst cannot slip many hashes through before the first one fails.
     */
    IssuedToken signIn(String name, String password, String address) {
        String[] keys = {SignInThrottle.signInAddress(address), SignInThrottle.user(name)};
        throttle.admit(keys).ifPresent(wait -> {
            throw new Throttled(wait);
        });
        Optional<String> hash = users.passwordHash(name);
        boolean matches = passwords.matches(password, hash.orElse(decoyHash)) && hash.isPresent();
        if (!matches) {
            failedSignIns.increment();
            log.info("Sign-in refused for '{}' from {}", name, address);
            throw RuleViolationException.unauthorized("WrongNameOrPassword",
                    "The name or the password is wrong, or the user is disabled");
        }
        // the name's count ends here; the address keeps its earlier failures, or one good account would reset a guess
        // at many others, and only this attempt's count is taken back
        throttle.succeeded(SignInThrottle.user(name));
        throttle.forgive(SignInThrottle.signInAddress(address));
        return tokens.issue(name, "web session", TokenScope.SESSION, clock.instant().plus(properties.session()));
    }

    UserAccount create(IdentityRequests.CreateUserRequest request) {
        UserAccounts.Creation creation = users.create(request.name(), request.role(), blankToNull(request.email()),
                null, passwords.encode(checkedPassword(request.password())), memberships(request));
        if (creation == UserAccounts.Creation.NAME_TAKEN) {
            throw RuleViolationException.conflict("UserNameTaken", "A user named " + request.name() + " exists")
                    .concerning("name");
        }
        if (creation == UserAccounts.Creation.EMAIL_TAKEN) {
            throw RuleViolationException.conflict("EmailTaken", "Another user has the e-mail " + request.email())
                    .concerning("email");
        }
        return existing(request.name());
    }

    /** The workspaces a new user joins: those named, each existing, or else {@code default} with their role. */
    private Map<String, Role> memberships(IdentityRequests.CreateUserRequest request) {
        if (request.workspaces() == null) {
            return Map.of(EventMetadata.DEFAULT_WORKSPACE, request.role());
        }
        request.workspaces().keySet().stream().filter(workspace -> !workspaces.exists(workspace)).findFirst()
                .ifPresent(unknown -> {
                    throw RuleViolationException.unprocessable("WorkspaceMustExist", "No workspace has the id "
                            + unknown).concerning("workspaces");
                });
        return request.workspaces();
    }

    UserAccount changeRole(String name, Role role) {
        UserAccount user = existing(name);
        if (user.role() != role && !users.changeRole(user, role)) {
            throw lastAdmin(user);
        }
        return existing(name);
    }

    UserAccount setEnabled(String name, boolean enabled) {
        UserAccount user = existing(name);
        if (user.enabled() != enabled && !users.setEnabled(name, enabled)) {
            throw lastAdmin(user);
        }
        return existing(name);
    }

    void resetPassword(String name, String password) {
        existing(name);
        users.setPassword(name, passwords.encode(checkedPassword(password)));
    }

    IssuedToken createToken(Caller caller, IdentityRequests.CreateTokenRequest request) {
        requireFullCredential(caller);
        if (request.scope() == TokenScope.SESSION) {
            throw RuleViolationException.unprocessable("TokenScopeAllowed",
                    "A token's scope is READ, READ_WRITE or METRICS; sessions come from signing in")
                    .concerning("scope");
        }
        if (request.scope() == TokenScope.METRICS && caller.role().filter(r -> r.includes(Role.ADMIN)).isEmpty()) {
            throw RuleViolationException.forbidden("TokenScopeAllowed",
                    "Only an ADMIN may make a METRICS token").concerning("scope");
        }
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : now.plus(DEFAULT_TOKEN_LIFETIME);
        if (expiresAt.isAfter(now.plus(LONGEST_TOKEN_LIFETIME))) {
            throw RuleViolationException.unprocessable("TokenLifetime",
                    "A token lives at most " + LONGEST_TOKEN_LIFETIME.toDays() + " days").concerning("expiresAt");
        }
        return tokens.issue(caller.name(), request.name().strip(), request.scope(), expiresAt);
    }

    /** A user revokes only their own tokens; another user's token answers as if it did not exist. */
    void revokeOwnToken(Caller caller, UUID id) {
        requireFullCredential(caller);
        ApiToken token = tokens.find(id).filter(t -> t.user().equals(caller.name()))
                .orElseThrow(() -> tokenNotFound(id));
        tokens.revoke(token);
    }

    void revokeAnyToken(UUID id) {
        tokens.revoke(tokens.find(id).orElseThrow(() -> tokenNotFound(id)));
    }

    void endSession(Caller caller) {
        ApiToken token = caller.token().flatMap(tokens::find).filter(t -> t.scope() == TokenScope.SESSION)
                .orElseThrow(() -> RuleViolationException.unprocessable("NotASession",
                        "Only a web session's token can end its session; revoke an API token under /api/tokens"));
        tokens.revoke(token);
    }

    /**
     * Tokens are made and revoked by their owner signed in, or with a READ_WRITE token: a leaked READ token must not
     * make itself a stronger one, nor revoke its owner's others.
     */
    private static void requireFullCredential(Caller caller) {
        if (caller.scope() != TokenScope.SESSION && caller.scope() != TokenScope.READ_WRITE) {
            throw RuleViolationException.forbidden("TokenScopeAllowed",
                    "A " + caller.scope() + " token cannot make or revoke tokens; sign in, or use a READ_WRITE token");
        }
    }

    UserAccount existing(String name) {
        return users.find(name).orElseThrow(() -> RuleViolationException.notFound("UserNotFound",
                "No user is named " + name));
    }

    private static RuntimeException lastAdmin(UserAccount user) {
        return RuleViolationException.conflict("AtLeastOneAdmin",
                user.name() + " is the last enabled ADMIN; make another ADMIN first");
    }

    /** bcrypt reads at most 72 bytes: a longer password would be silently cut. */
    private static String checkedPassword(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.length() < 12 || bytes > 72) {
            throw RuleViolationException.unprocessable("PasswordLength",
                    "A password has at least 12 characters and at most 72 bytes").concerning("password");
        }
        return password;
    }

    private static RuntimeException tokenNotFound(UUID id) {
        return RuleViolationException.notFound("TokenNotFound", "No token of yours has the id " + id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
