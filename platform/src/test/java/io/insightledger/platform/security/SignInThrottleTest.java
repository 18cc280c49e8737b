package io.insightledger.platform.security;

import io.insightledger.platform.identity.IdentityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTest {

    private static final String ADDRESS = SignInThrottle.signInAddress("203.0.113.7");
    private static final String USER = SignInThrottle.user("kim");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SignInThrottle throttle = new SignInThrottle(
            new IdentityProperties.Throttle(5, Duration.ofSeconds(1), Duration.ofMinutes(15)), clock, meters);

    @Test
    void theFirstFiveFailuresAreFree() {
        failures(5, ADDRESS, USER);
        assertThat(throttle.blocked(ADDRESS, USER)).isEmpty();
    }

    @Test
    void eachFailureAfterTheFreeOnesBlocksTwiceAsLongAsTheOneBefore() {
        failures(5, ADDRESS);
        throttle.failed(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofSeconds(1));
        throttle.failed(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofSeconds(2));
        throttle.failed(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofSeconds(4));
        throttle.failed(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofSeconds(8));
    }

    @Test
    void aBlockEndsWhenItsTimeIsUpAndSaysHowLongIsLeftMeanwhile() {
        failures(7, USER);
        assertThat(throttle.blocked(USER)).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1_500));
        assertThat(throttle.blocked(USER)).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.blocked(USER)).isEmpty();
        // the count is not forgotten: the next failure blocks for longer still
        throttle.failed(USER);
        assertThat(throttle.blocked(USER)).contains(Duration.ofSeconds(4));
    }

    @Test
    void noBlockIsLongerThanTheLongest() {
        failures(1_000, ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofMinutes(15));
        // 15 minutes is reached at the 16th failure (1 s doubled ten times is 17 minutes)
        SignInThrottle fresh = new SignInThrottle(
                new IdentityProperties.Throttle(5, Duration.ofSeconds(1), Duration.ofMinutes(15)), clock, meters);
        for (int i = 0; i < 15; i++) {
            fresh.failed(USER);
        }
        assertThat(fresh.blocked(USER)).contains(Duration.ofSeconds(512));
        fresh.failed(USER);
        assertThat(fresh.blocked(USER)).contains(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessClearsItsKeysAndTheFreeFailuresStartAgain() {
        failures(8, ADDRESS, USER);
        throttle.succeeded(ADDRESS, USER);
        assertThat(throttle.blocked(ADDRESS, USER)).isEmpty();
        failures(5, ADDRESS, USER);
        assertThat(throttle.blocked(ADDRESS, USER)).isEmpty();
        throttle.failed(ADDRESS, USER);
        assertThat(throttle.blocked(ADDRESS, USER)).contains(Duration.ofSeconds(1));
    }

    @Test
    void keysAreCountedApartAndTheLongestBlockAnswers() {
        failures(6, ADDRESS);
        failures(8, USER);
        String otherAddress = SignInThrottle.signInAddress("198.51.100.1");
        assertThat(throttle.blocked(otherAddress)).isEmpty();
        assertThat(throttle.blocked(otherAddress, ADDRESS)).contains(Duration.ofSeconds(1));
        assertThat(throttle.blocked(ADDRESS, USER)).contains(Duration.ofSeconds(4));
        // a success for one user leaves the address blocked
        throttle.succeeded(USER);
        assertThat(throttle.blocked(ADDRESS, USER)).contains(Duration.ofSeconds(1));
        // an address and a user of the same text are different keys
        assertThat(SignInThrottle.signInAddress("kim")).isNotEqualTo(SignInThrottle.user("kim"))
                .isNotEqualTo(SignInThrottle.tokenAddress("kim"));
    }

    @Test
    void blockedAnswersAreCounted() {
        failures(6, ADDRESS);
        throttle.blocked(ADDRESS);
        throttle.blocked(ADDRESS, USER);
        throttle.blocked(USER);
        assertThat(meters.counter("insight.security.throttled").count()).isEqualTo(2);
    }

    @Test
    void retryAfterIsInWholeSecondsRoundedUpAndNeverZero() {
        assertThat(new Throttled(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Throttled(Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Throttled(Duration.ofMillis(1_001)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new Throttled(Duration.ofSeconds(8)).retryAfterSeconds()).isEqualTo(8);
        assertThat(throttle.blocked(ADDRESS).map(Throttled::new)).isEqualTo(Optional.empty());
    }

    private void failures(int count, String... keys) {
        for (int i = 0; i < count; i++) {
            throttle.failed(keys);
        }
    }

    @Test
    void anAdmittedAttemptCountsBeforeItIsMadeSoOnlyOnePerBlockGetsThrough() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("user:kim")).as("attempt %d", i + 1).isEmpty();
        }
        // the sixth sets the block and is let through; every attempt arriving with it is refused, uncounted
        assertThat(throttle.admit("user:kim")).isEmpty();
        assertThat(throttle.admit("user:kim")).contains(Duration.ofSeconds(1));
        assertThat(throttle.admit("user:kim")).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.admit("user:kim")).isEmpty();
        assertThat(throttle.admit("user:kim")).as("the block doubled, once").contains(Duration.ofSeconds(2));

        throttle.succeeded("user:kim");
        assertThat(throttle.admit("user:kim")).isEmpty();
    }

    @Test
    void aGoodAttemptIsForgivenButTheFailuresBeforeItStillCount() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.admit(ADDRESS)).as("good sign-in %d", i + 1).isEmpty();
            throttle.forgive(ADDRESS);
        }
        failures(4, ADDRESS);
        assertThat(throttle.admit(ADDRESS)).isEmpty();
        throttle.forgive(ADDRESS);
        failures(2, ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).as("the sixth failure blocks, the good attempt did not count")
                .contains(Duration.ofSeconds(1));

        // a good attempt after the block lifts the block it set itself, and the next failure blocks again
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.admit(ADDRESS)).isEmpty();
        throttle.forgive(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).isEmpty();
        throttle.failed(ADDRESS);
        assertThat(throttle.blocked(ADDRESS)).contains(Duration.ofSeconds(2));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
