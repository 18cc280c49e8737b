package io.insightledger.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberedLoginsTest {

    private final AtomicInteger hashed = new AtomicInteger();
    private final RememberedLogins.PasswordCheck slow = login -> {
        hashed.incrementAndGet();
        if (!"right".equals(login.getCredentials())) {
            throw new BadCredentialsException("wrong");
        }
        return UsernamePasswordAuthenticationToken.authenticated(login.getName(), null, List.of());
    };

    private static Authentication login(String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated("pat", password);
    }

    @Test
    void aGoodLoginIsHashedOnceThenRemembered() {
        RememberedLogins logins = new RememberedLogins(slow, Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(logins.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(logins.authenticate(login("right")).isAuthenticated()).isTrue();
        assertThat(hashed).hasValue(1);
    }

    @Test
    void aWrongPasswordIsNeverRemembered() {
        RememberedLogins logins = new RememberedLogins(slow, Duration.ofMinutes(5), Clock.systemUTC());
        logins.authenticate(login("right"));
        assertThatThrownBy(() -> logins.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> logins.authenticate(login("wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThat(hashed).hasValue(3);
    }

    @Test
    void aRememberedLoginExpires() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        RememberedLogins logins = new RememberedLogins(slow, Duration.ofMinutes(5), new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        });
        logins.authenticate(login("right"));
        clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        logins.authenticate(login("right"));
        assertThat(hashed).hasValue(2);
    }
}
