package io.insightledger.query.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers that are costly to compute and read by many at once (the dashboard, the board's totals), computed at most
 * once per {@code fresh} period per question and shared. An answer older than that is recomputed by the one caller who
 * finds it so; callers arriving meanwhile get the previous answer if it is younger than twice the period, and wait for
 * that one computation otherwise: a question is never computed twice at once. No answer handed out is older than twice
 * the period, nor from before the latest rebuild of a projection.
 */
public final class RecentAnswers<K, V> {

    /** Questions kept at most; beyond, all are forgotten (each then costs one computation again). */
    private static final int MAX_QUESTIONS = 1_000;

    private final long freshNanos;
    private final LongSupplier generation;
    private final Map<K, Answer<V>> answers = new ConcurrentHashMap<>();
    private final Map<K, CompletableFuture<V>> computing = new ConcurrentHashMap<>();

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
        boolean usable = answer != null && answer.generation() == current;
        if (usable && now - answer.computedAt() < freshNanos) {
            return answer.value();
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = computing.putIfAbsent(question, mine);
        if (running != null) {
            return usable && now - answer.computedAt() < 2 * freshNanos ? answer.value() : join(running);
        }
        try {
            // measured from before the computation: the answer holds nothing newer than this instant
            long started = System.nanoTime();
            V value = compute.get();
            if (answers.size() >= MAX_QUESTIONS) {
                answers.clear();
            }
            answers.put(question, new Answer<>(value, started, current));
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(question, mine);
        }
    }

    private static <V> V join(CompletableFuture<V> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
