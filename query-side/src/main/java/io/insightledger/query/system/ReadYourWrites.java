package io.insightledger.query.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * {@code ?minVersion=N}: a client that just wrote (the command answered version N) waits, briefly, until the
 * projection has caught up with that version, instead of reading something older than its own write.
 */
@Component
public class ReadYourWrites {

    /** How the {@code minVersion} parameter of a read is documented. */
    public static final String MIN_VERSION = """
            The version a command answered (its ETag): wait, briefly, until the projection has reached it, so that \
            you read your own write. Answers 503 if it does not arrive within the wait (5 s unless configured).""";

    private static final Duration POLL = Duration.ofMillis(20);

    private final Duration maxWait;

    ReadYourWrites(@Value("${insight.queries.max-wait}") Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Thrown when the projection did not catch up in time: a 503 with a hint to retry. */
    public static class NotCaughtUp extends ResponseStatusException {
        NotCaughtUp(long minVersion, long seen) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The projection is at version " + seen + ", not yet at "
                    + minVersion + "; retry in a moment");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return headers;
        }
    }

    /**
     * @param currentVersion the projected version, or -1 while nothing is projected
     */
    public void awaitVersion(Long minVersion, LongSupplier currentVersion) {
        if (minVersion == null) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        long seen = currentVersion.getAsLong();
        while (seen < minVersion) {
            if (System.nanoTime() > deadline) {
                throw new NotCaughtUp(minVersion, seen);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCaughtUp(minVersion, seen);
            }
            seen = currentVersion.getAsLong();
        }
    }
}
