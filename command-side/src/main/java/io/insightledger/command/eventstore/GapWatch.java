package io.insightledger.command.eventstore;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Remembers when each gap of a token was first seen, and tells which gaps no open transaction can fill any more. The
 * reasoning, and the races it covers, are in {@link GapSafeEventStorageEngine}.
 */
final class GapWatch {

    private final NavigableMap<Long, Instant> firstSeen = new ConcurrentSkipListMap<>();

    /**
     * @param gaps         the token's gaps
     * @param index        the token's index
     * @param now          the database's clock now
     * @param oldestWriter when the oldest transaction that could still fill a gap began (by the database's clock), or
     *                     {@code null} when none is open
     * @return the gaps first seen before every such transaction began: no open transaction holds them. A gap seen for
     *         the first time counts as seen {@code now}.
     */
    SortedSet<Long> outlivedWriters(SortedSet<Long> gaps, long index, Instant now, Instant oldestWriter) {
        // filled or given up for this token; a reader still behind it only sees it again as new, which is later
        firstSeen.headMap(index, true).keySet().removeIf(gap -> !gaps.contains(gap));
        SortedSet<Long> outlived = new TreeSet<>();
        for (Long gap : gaps) {
            Instant seen = firstSeen.computeIfAbsent(gap, first -> now);
            // the transaction that took the gap began strictly before it was seen: equal times keep it
            if (oldestWriter == null || oldestWriter.isAfter(seen)) {
                outlived.add(gap);
            }
        }
        return outlived;
    }

    /** The gaps given up: nobody will fill them. */
    void forget(SortedSet<Long> gaps) {
        firstSeen.keySet().removeAll(gaps);
    }

    /** How many gaps are remembered (for tests: the memory stays bounded by the tokens' gaps). */
    int remembered() {
        return firstSeen.size();
    }
}
