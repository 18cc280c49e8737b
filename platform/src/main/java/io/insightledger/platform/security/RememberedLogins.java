package io.insightledger.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers a successful login for a few minutes, so that a client sending HTTP Basic on every request pays the
 * deliberately slow password hash (bcrypt) once, not on every request. Only a SHA-256 of the password is kept, next to
 * the authentication it earned; a wrong password is never remembered.
 */
class RememberedLogins implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private record Remembered(Authentication authentication, Instant until) {
    }

    /** The slow check: a password against its hash. */
    @FunctionalInterface
    interface PasswordCheck {
        Authentication authenticate(Authentication login) throws AuthenticationException;
    }

    private final PasswordCheck delegate;
    private final Duration remember;
    private final Clock clock;
    private final Map<String, Remembered> logins = new ConcurrentHashMap<>();

    RememberedLogins(PasswordCheck delegate, Duration remember, Clock clock) {
        this.delegate = delegate;
        this.remember = remember;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication);
        Instant now = clock.instant();
        Remembered remembered = logins.get(key);
        if (remembered != null && remembered.until().isAfter(now)) {
            return remembered.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (logins.size() >= MAX_ENTRIES) {
                logins.clear();
            }
            logins.put(key, new Remembered(result, now.plus(remember)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String key(Authentication authentication) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8));
            return authentication.getName() + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
