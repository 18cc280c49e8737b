package io.insightledger.command.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** When a gap of the global index may be given up: only once every transaction that could hold it has ended. */
class GapWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final GapWatch watch = new GapWatch();

    @Test
    void withNoTransactionOpenAGapIsOutlivedAtFirstSight() {
        assertThat(watch.outlivedWriters(gaps(5, 7), 9, T0, null)).containsExactly(5L, 7L);
    }

    @Test
    void aTransactionThatBeganBeforeAGapWasSeenMayStillFillIt() {
        // the slow transaction began before the check that first saw its gap
        assertThat(watch.outlivedWriters(gaps(5), 9, T0, T0.minusSeconds(300))).isEmpty();
        // an hour later it is still open: still kept, whatever the events' timestamps say
        assertThat(watch.outlivedWriters(gaps(5), 200, T0.plusSeconds(3600), T0.minusSeconds(300))).isEmpty();
    }

    @Test
    void transactionsThatBeganAfterTheFirstSightingCannotHoldTheGap() {
        assertThat(watch.outlivedWriters(gaps(5), 9, T0, T0.minusMillis(1))).isEmpty();
        // the one that began before has ended; the commands open now all began after the gap was seen
        assertThat(watch.outlivedWriters(gaps(5), 12, T0.plusSeconds(2), T0.plusSeconds(1)))
                .containsExactly(5L);
    }

    @Test
    void theFirstSightingIsRememberedNotMovedOnByLaterChecks() {
        watch.outlivedWriters(gaps(5), 9, T0, T0.minusMillis(1));
        // constant load: some transaction is always open, but each began after the gap was first seen
        for (int second = 1; second <= 5; second++) {
            Instant now = T0.plusSeconds(second);
            assertThat(watch.outlivedWriters(gaps(5), 9 + second, now, now.minusMillis(200))).containsExactly(5L);
        }
    }

    @Test
    void aTransactionThatBeganAtTheVeryInstantOfTheSightingKeepsTheGap() {
        watch.outlivedWriters(gaps(5), 9, T0, T0.minusSeconds(1));
        assertThat(watch.outlivedWriters(gaps(5), 9, T0.plusSeconds(1), T0)).isEmpty();
    }

    @Test
    void aRestartForgetsSightingsWhichOnlyKeepsGapsLonger() {
        watch.outlivedWriters(gaps(5), 9, T0, T0.minusSeconds(1));
        GapWatch afterRestart = new GapWatch();
        // a transaction that began after the real first sighting, but before the restart's first check, is open
        Instant openSince = T0.plusSeconds(10);
        assertThat(watch.outlivedWriters(gaps(5), 9, T0.plusSeconds(20), openSince)).containsExactly(5L);
        assertThat(afterRestart.outlivedWriters(gaps(5), 9, T0.plusSeconds(20), openSince)).isEmpty();
    }

    @Test
    void gapsFilledOrGivenUpAreForgottenSoMemoryFollowsTheToken() {
        watch.outlivedWriters(gaps(3, 5, 7), 9, T0, T0.minusSeconds(1));
        assertThat(watch.remembered()).isEqualTo(3);
        // 5 was filled: the token no longer has it
        watch.outlivedWriters(gaps(3, 7), 12, T0.plusSeconds(1), T0.minusSeconds(1));
        assertThat(watch.remembered()).isEqualTo(2);
        watch.forget(gaps(3));
        assertThat(watch.remembered()).isEqualTo(1);
    }

    @Test
    void aGapAboveTheTokenIsAnotherReadersAndKept() {
        watch.outlivedWriters(gaps(20), 30, T0, T0.minusSeconds(1));
        // a reader still at index 10 has not reached 20 yet: its sighting must survive
        watch.outlivedWriters(gaps(4), 10, T0.plusSeconds(1), T0.minusSeconds(1));
        assertThat(watch.outlivedWriters(gaps(20), 31, T0.plusSeconds(2), T0.plusMillis(500))).containsExactly(20L);
    }

    private static SortedSet<Long> gaps(long... indexes) {
        SortedSet<Long> gaps = new TreeSet<>();
        for (long index : indexes) {
            gaps.add(index);
        }
        return gaps;
    }
}
