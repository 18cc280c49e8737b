package io.insightledger.platform.security;

import java.time.Duration;

/** Too many failed sign-ins or bad tokens from this address or for this user: try again after {@code retryAfter}. */
public class Throttled extends RuntimeException {

    private final Duration retryAfter;

    public Throttled(Duration retryAfter) {
        super("Too many failed attempts; try again in " + seconds(retryAfter) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, as {@code Retry-After} says it. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
