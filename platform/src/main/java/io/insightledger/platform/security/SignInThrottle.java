package io.insightledger.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insightledger.platform.identity.IdentityProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Failed sign-ins and bad tokens, counted per address and per user name. After a few free failures each further one
 * blocks its keys for a while, doubling with every failure, and a blocked key is answered 429 before any password
 * hash or token lookup: a flood of wrong passwords costs a map lookup each. A success clears its keys. The count is
 * kept in memory, bounded, per instance.
 */
public class SignInThrottle {

    private final Cache<String, Failures> failures;
    private final IdentityProperties.Throttle settings;
    private final Clock clock;
    private final Counter throttled;

    public SignInThrottle(IdentityProperties.Throttle settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        // an attacker rotating addresses fills this; the bound keeps memory flat and forgets the oldest first
        this.failures = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(settings.longestBlock().plus(settings.longestBlock())).build();
        this.throttled = Counter.builder("insight.security.throttled")
                .description("Sign-ins and token checks refused with 429 because their address or user was blocked")
                .register(meters);
    }

    /** Sign-ins from an address: apart from its tokens, so that a typed-wrong password never blocks good tokens. */
    public static String signInAddress(String address) {
        return "sign-in:" + address;
    }

    /** Bad tokens from an address. */
    public static String tokenAddress(String address) {
        return "token:" + address;
    }

    public static String user(String name) {
        return "user:" + name;
    }

    /** How long the longest-blocked of these keys stays blocked; empty when none is. */
    public Optional<Duration> blocked(String... keys) {
        Instant now = clock.instant();
        Optional<Duration> longest = Arrays.stream(keys).map(failures::getIfPresent)
                .filter(f -> f != null && f.blockedUntil().isAfter(now))
                .map(f -> Duration.between(now, f.blockedUntil()))
                .max(Duration::compareTo);
        longest.ifPresent(ignored -> throttled.increment());
        return longest;
    }

    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            failures.asMap().compute(key, (k, before) -> oneMore(before, now));
        }
    }

    /**
     * For a check that is dear (a password hash): counts the attempt as a failure before it is made, in one step with
     * the check for a block, so that requests arriving together cannot all pass before the first of them fails. At
     * most one attempt per key gets through each time a block ends. A success then clears the keys.
     *
     * @return how long the attempt must wait, if a key is blocked (then nothing is counted for it)
     */
    public Optional<Duration> admit(String... keys) {
        // a refused attempt counts for none of its keys: a blocked name must not escalate its address's block
        Optional<Duration> blocked = blocked(keys);
        if (blocked.isPresent()) {
            return blocked;
        }
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            boolean[] refused = {false};
            Failures after = failures.asMap().compute(key, (k, before) -> {
                refused[0] = before != null && before.blockedUntil().isAfter(now);
                return refused[0] ? before : oneMore(before, now);
            });
            if (refused[0]) {
                longest = max(longest, Duration.between(now, after.blockedUntil()));
            }
        }
        if (longest.isZero()) {
            return Optional.empty();
        }
        throttled.increment();
        return Optional.of(longest);
    }

    private Failures oneMore(Failures before, Instant now) {
        int count = before == null ? 1 : before.count() + 1;
        int over = count - settings.freeFailures();
        if (over <= 0) {
            return new Failures(count, Instant.MIN);
        }
        Duration block = settings.firstBlock().multipliedBy(1L << Math.min(over - 1, 30));
        return new Failures(count, now.plus(block.compareTo(settings.longestBlock()) > 0
                ? settings.longestBlock() : block));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public void succeeded(String... keys) {
        failures.invalidateAll(Arrays.asList(keys));
    }

    /**
     * An admitted attempt turned out well: it no longer counts for {@code key}, and the block it set is lifted (it was
     * admitted, so no block was running before it); the failures before it still count.
     */
    public void forgive(String key) {
        failures.asMap().computeIfPresent(key, (k, before) ->
                before.count() <= 1 ? null : new Failures(before.count() - 1, Instant.MIN));
    }

    private record Failures(int count, Instant blockedUntil) {
    }
}
