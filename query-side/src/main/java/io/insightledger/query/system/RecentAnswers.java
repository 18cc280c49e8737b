package io.insightledger.query.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers that are costly to compute and read by many at once (the dashboard, the board's totals), computed at most
 * once per {@code fresh} period per question and shared. An answer older than that is recomputed by the one caller who
 * finds it so; callers arriving meanwhile get the previous answer if it is younger than twice the period, so nobody
 * waits behind someone else's computation. No answer handed out is older than twice the period, nor from before the
 * latest rebuild of a projection.
 */
public final class RecentAnswers<K, V> {

    /** Questions kept at most; beyond, all are forgotten (each then costs one computation again). */
    private static final int MAX_QUESTIONS = 1_000;

    private final long freshNanos;
    private final LongSupplier generation;
    private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
    private final Map<K, Object> computing = new ConcurrentHashMap<>();

    private record Answer<V>(V value, long computedAt, long generation) {
    }

    /** @param generation changes whenever every remembered answer becomes wrong (a projection was rebuilt) */
    public RecentAnswers(Duration fresh, LongSupplier generation) {
        this.freshNanos = fresh.toNanos();
        this.generation = generation;
    }

    public V get(K question, Supplier<V> compute) {
        long now = System.nanoTime();
        long current = generation.getAsLong();
        Answer<V> answer = answers.get(question);
        if (answer != null && answer.generation() != current) {
            answer = null;
        }
        if (answer != null && now - answer.computedAt() < freshNanos) {
            return answer.value();
        }
        boolean mine = computing.putIfAbsent(question, Boolean.TRUE) == null;
        if (!mine && answer != null && now - answer.computedAt() < 2 * freshNanos) {
            return answer.value();
        }
        try {
            // measured from before the computation: the answer holds nothing newer than this instant
            long started = System.nanoTime();
            V value = compute.get();
            if (answers.size() >= MAX_QUESTIONS) {
                answers.clear();
            }
            answers.merge(question, new Answer<>(value, started, current),
                    (kept, computed) -> kept.generation() == current && kept.computedAt() > computed.computedAt()
                            ? kept : computed);
            return value;
        } finally {
            if (mine) {
                computing.remove(question);
            }
        }
    }
}
